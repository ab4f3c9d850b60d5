# Kith: the names of the languages children and carers speak, by ISO 639-1 code, in Danish.
# A code outside this list is shown as it is, in capitals.

language_name =
    .da = dansk
    .en = engelsk
    .de = tysk
    .sv = svensk
    .no = norsk
    .nb = norsk
    .fo = færøsk
    .kl = grønlandsk
    .is = islandsk
    .fi = finsk
    .pl = polsk
    .lt = litauisk
    .lv = lettisk
    .ro = rumænsk
    .bg = bulgarsk
    .uk = ukrainsk
    .ru = russisk
    .bs = bosnisk
    .sr = serbisk
    .hr = kroatisk
    .sq = albansk
    .tr = tyrkisk
    .ku = kurdisk
    .ar = arabisk
    .fa = persisk
    .ps = pashto
    .ur = urdu
    .so = somali
    .ti = tigrinya
    .am = amharisk
    .es = spansk
    .fr = fransk
    .it = italiensk
    .pt = portugisisk
    .vi = vietnamesisk
    .th = thai
    .zh = kinesisk
    .ta = tamil
    .tl = tagalog

# How a list of names ends: "arabisk, dansk og tyrkisk".
list =
    .and = og
