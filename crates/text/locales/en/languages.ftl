# Kith: the names of the languages children and carers speak, by ISO 639-1 code, in English.
# A code outside this list is shown as it is, in capitals.

language_name =
    .da = Danish
    .en = English
    .de = German
    .sv = Swedish
    .no = Norwegian
    .nb = Norwegian
    .fo = Faroese
    .kl = Greenlandic
    .is = Icelandic
    .fi = Finnish
    .pl = Polish
    .lt = Lithuanian
    .lv = Latvian
    .ro = Romanian
    .bg = Bulgarian
    .uk = Ukrainian
    .ru = Russian
    .bs = Bosnian
    .sr = Serbian
    .hr = Croatian
    .sq = Albanian
    .tr = Turkish
    .ku = Kurdish
    .ar = Arabic
    .fa = Persian
    .ps = Pashto
    .ur = Urdu
    .so = Somali
    .ti = Tigrinya
    .am = Amharic
    .es = Spanish
    .fr = French
    .it = Italian
    .pt = Portuguese
    .vi = Vietnamese
    .th = Thai
    .zh = Chinese
    .ta = Tamil
    .tl = Tagalog

# How a list of names ends: "Arabic, Danish and Turkish".
list =
    .and = and
