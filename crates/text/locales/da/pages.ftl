# Kith: the texts of the pages, in Danish.
# One message per area; each text is an attribute: `nav.skip` is `nav` → `.skip`.

nav =
    .skip = Spring til indhold
    .label = Hovedmenu
    .children = Børn
    .options = Anbringelsessteder
    .users = Brugere
    .needs = Behovskatalog
    .logout = Log ud
    .other_language = English
    .audit = Revisionslog
    .proposals = Indstillinger
    .rules = Regler
    .week = Min uge
    .team = Teamets år
    .caseload = Sager
    .dashboard = Overblik

footer =
    .text = Kith · matchning og opfølgning for børne- og ungeområdet

login =
    .title = Log ind
    .intro = Log ind med din arbejdsmail.
    .email = E-mail
    .password = Adgangskode
    .submit = Log ind
    .failed = E-mail eller adgangskode er forkert.
    .locked = For mange forkerte forsøg. Kontoen er låst; prøv igen om { $minutes ->
        [one] ét minut
       *[other] { $minutes } minutter
    }.
    .expired = Du blev logget ud, fordi du ikke havde brugt Kith i et stykke tid. Log ind igen for at fortsætte. Det, du skrev i et besøg eller en planopfølgning, gemmes som kladde, mens du skriver, og står i formularen, når du kommer tilbage.
    .intro_provider = Log ind med dit login fra kommunen.
    .with = Log ind med
    .with_password = Log ind med e-mail og adgangskode i stedet
    .signed_out = Du er logget ud af Kith og af kommunens login.
    .logged_out = Du er logget ud af Kith.
    .refused_unknown = Kommunens login kender dig som { $email }, men Kith kan ikke knytte det til en bruger. Bed en administrator i Kith om at oprette dig med den e-mail (eller fjerne en gammel kobling), og prøv så igen.
    .refused_unverified = Kommunens login oplyste e-mailen { $email } uden at bekræfte den, så Kith kan ikke finde din bruger. Kontakt IT-supporten.
    .refused_no_email = Kommunens login oplyste ingen e-mail, så Kith kan ikke finde din bruger. Kontakt IT-supporten.
    .refused_no_role = Kommunens login giver dig ikke adgang til Kith: ingen af dine grupper hos kommunen giver en rolle i Kith. Kontakt din leder eller IT-supporten.
    .refused_disabled = Din bruger i Kith er spærret. Kontakt en administrator i Kith, hvis du skal have adgang igen.
    .refused_unavailable = Kith kan ikke nå kommunens login lige nu. Prøv igen om lidt.
    .refused_failed = Login gennem kommunen lykkedes ikke. Prøv igen. Sker det igen, så kontakt IT-supporten.

error =
    .status = Fejlkode
    .filter = Filteret kan ikke læses
    .without_filters = Vis siden uden filtre
    .form_expired = Formularen er udløbet eller kom ikke fra Kith. Gå tilbage, genindlæs siden, og prøv igen.
    .home = Til forsiden
    .forbidden = Du har ikke adgang
    .not_found = Siden findes ikke
    .validation = Ugyldige oplysninger
    .conflict = Konflikt
    .too_many_attempts = For mange forsøg
    .sign_in_refused = Login afvist
    .too_large = For stor
    .busy = Kith har travlt lige nu
    .unavailable = Kith kan ikke nå databasen lige nu
    .storage = Kith kan ikke gemme lige nu
    .internal = Der skete en fejl

password =
    .change = Skift adgangskode
    .current = Nuværende adgangskode
    .new = Ny adgangskode
    .repeat = Gentag den nye adgangskode
    .save = Skift adgangskode
    .set = Gem den nye adgangskode
    .rules = Mindst 12 tegn. Brug gerne nogle ord, der ikke hører sammen; ikke dit navn eller din e-mail.
    .changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
    .reset_done = Din nye adgangskode er gemt. Log ind med den.
    .reset_title = Vælg en ny adgangskode
    .mismatch = De to adgangskoder er ikke ens.
    .link_gone = Linket virker ikke længere: det er brugt, udløbet eller erstattet af et nyt. Bed en administrator om et nyt.

sessions =
    .title = Log ud alle steder
    .intro = Har du glemt at logge ud på en anden computer, eller mistet en telefon, så log ud alle steder.
    .end_mine = Log mig ud alle steder
    .end_theirs = Log brugeren ud alle steder

users =
    .setup_also_provider = Med kommunens login kan brugeren også logge ind, når arbejdsmailen her er den samme som hos kommunen.
    .at_time = kl.
    .notice_reset_sent = Linket til en ny adgangskode er sendt til brugeren.
    .notice_sessions_ended = Brugeren er logget ud alle steder.
    .notice_unlinked = Koblingen til kommunens login er fjernet, og brugeren er logget ud alle steder.
    .setup_provider = Personen logger ind med kommunens login og sin arbejdsmail; der sendes ingen e-mail.
    .passwords_off = Adgangskoder er slået fra her: brugeren logger ind med kommunens login.
    .provider_login = Kommunens login
    .identity_none = Ikke knyttet. Det sker, næste gang personen logger ind med kommunens login og den arbejdsmail, der står her.
    .identity_linked = knyttet
    .identity_last = sidst brugt
    .unlink = Fjern koblingen
    .unlink_hint = Bruges, når personen har fået en ny konto hos kommunen, eller en forkert konto blev knyttet. Den, der er logget ind gennem koblingen, logges ud med det samme; næste login med kommunens login knyttes igen via arbejdsmailen, så ret først e-mailen her eller hos kommunen, hvis det var den, der var forkert.
    .access = Adgang
    .reset_intro = Har brugeren glemt sin adgangskode, så send et link til en ny; det virker én gang i 24 timer.
    .send_reset = Send link til ny adgangskode
    .setup_link = Brugeren får en e-mail med et link til selv at vælge sin adgangskode. Linket virker i 24 timer; du kan sende et nyt fra brugerens side.
    .title = Brugere
    .new = Opret bruger
    .name = Navn
    .email = E-mail
    .roles = Roller
    .units = Enheder
    .language = Sprog
    .active = Aktiv

tokens =
    .title = API-nøgler
    .none = Ingen API-nøgler.
    .name = Navn
    .prefix = Begynder med
    .created = Oprettet
    .last_used = Sidst brugt
    .expires = Udløber
    .revoke = Tilbagekald
    .revoked = Tilbagekaldt

audit =
    .title = Revisionslog
    .intro = Hvem læste eller ændrede hvilket barns oplysninger, og hver ændring af brugere, roller, regler og adgang. At læse loggen bliver selv logget.
    .actor = Medarbejder (nr.)
    .child = Barn (nr.)
    .from = Fra
    .to = Til
    .action = Handling
    .all = Alle
    .show = Vis
    .export = Hent som fil
    .when = Tidspunkt
    .who = Hvem
    .what = Hvad
    .detail = Detaljer
    .system = Systemet
    .none = Ingen hændelser i perioden.
    .more = Ældre hændelser

form =
    .problems = Ret venligst følgende
    .save = Gem
    .cancel = Annullér
    .back = Tilbage
    .add = Tilføj
    .remove = Fjern
    .actions = Handlinger
    .network = Netværkspleje
    .other_family_based = Anden familiepleje
    .institutional = Institution
    .other = Andet (eget værelse, kostskole)

filter =
    .all = Alle
    .yes = Ja
    .no = Nej
    .apply = Filtrér

pager =
    .next = Næste side

level =
    .none = Intet behov
    .light = Let
    .moderate = Moderat
    .severe = Svær

case_handed_over =
    .title = Sagen er overdraget
    .text = Sagen blev overdraget til { $to } den { $on }, og du har ikke længere adgang til den. Spørg { $to } eller din leder, hvis du har brug for at vide noget om barnet.
    .text_nobody = Sagen blev taget fra dig den { $on }, og du har ikke længere adgang til den. Spørg din leder, hvis du har brug for at vide noget om barnet.
    .caseload = Til mine sager
    .week = Til min uge

case_moved =
    .title = Sagen er gået videre
    .text = Barnet er anbragt efter indstilling #{ $id }, godkendt { $decided }, med start { $start }. Barnets rådgiver og plejefamiliekonsulent følger nu anbringelsen op, og du har ikke længere adgang til sagen.
    .text_undated = Barnet er anbragt efter indstilling #{ $id }, med start { $start }. Barnets rådgiver og plejefamiliekonsulent følger nu anbringelsen op, og du har ikke længere adgang til sagen.
    .open_proposal = Åbn indstillingen
    .waiting = Børn, der venter

children =
    .title = Børn
    .import = Importér fra fil
    .new = Opret barn
    .allocate = Fordel flere børn på én gang
    .none = Ingen børn at vise.
    .sort = Sortér efter
    .sort_name = Navn
    .sort_waiting = Længst ventetid (kun ventende)
    .sort_age = Alder (ældste først)
    .days_waiting = Dage på venteliste

child =
    .new = Opret barn
    .edit = Redigér sag
    .edit_profile = Redigér behovsprofil
    .facts = Grundoplysninger
    .name = Navn
    .age = Alder
    .years = år
    .birth_date = Fødselsdato
    .cpr = CPR-nummer
    .cpr_hint = Valgfrit. Vises maskeret; kun sagens rådgiver kan se hele nummeret.
    .cpr_keep_hint = Lad feltet stå tomt for at beholde det gemte nummer.
    .cpr_reveal = Vis hele nummeret
    .cpr_revealed = (visningen er logget)
    .case_adviser = Rådgiver
    .target_area = Målgruppe
    .support_level = Samlet støttebehov
    .placement_request = Anmodning om anbringelse
    .placement_requested = Anbringelse anmodet
    .placement_requested_hint = Datoen matchenheden blev bedt om et anbringelsessted. Tom: ingen anmodning.
    .languages = Sprog
    .languages_hint = Sprogkoder adskilt af komma, fx da, ar
    .wheelchair = Har brug for kørestolsadgang
    .needs = Behov
    .no_needs = Ingen behov registreret.
    .profile = Behovsprofil
    .voice = Barnets perspektiv
    .own_wishes = Barnets egne ønsker
    .culture_religion_wishes = Ønsker om kultur og religion
    .places = Skole og forældre
    .school = Skole
    .parents_home = Forældrenes bopæl
    .siblings = Søskende
    .siblings_short = søskende
    .in_sibling_group = Del af en søskendegruppe
    .no_siblings = Ingen søskende registreret.
    .sibling_id = Søskendes sagsnummer
    .link_sibling = Tilknyt søskende
    .unlink_sibling = Tag ud af søskendegruppen
    .network = Netværk
    .no_network = Intet netværk registreret.
    .unsuitable = Uegnede anbringelsessteder
    .no_unsuitable = Ingen registreret.
    .placements = Anbringelser
    .no_placements = Ingen anbringelser.
    .find_options = Find anbringelsessted
    .known_options = Steder barnet kender
    .no_known_options = Ingen registreret.

place =
    .lat = Breddegrad
    .lon = Længdegrad
    .no_coordinates = ingen koordinater

network =
    .add = Tilføj person i netværket
    .name = Navn
    .relation = Relation
    .address = Adresse
    .approval = Godkendelse som netværksplejefamilie
    .none = Ikke påbegyndt
    .in_assessment = Under vurdering
    .approved = Godkendt
    .refused = Afvist

unsuitable =
    .add = Registrér uegnet anbringelsessted
    .option_id = Anbringelsesstedets nummer
    .reason = Begrundelse

placement =
    .option = Anbringelsessted
    .start = Start
    .planned_end = Planlagt slut
    .status = Status
    .consultant = Konsulent
    .exit_goal = Udslusningsmål

placement_status =
    .planned = Planlagt
    .active = Aktiv
    .ended = Afsluttet

options =
    .title = Anbringelsessteder
    .sort = Sortér efter
    .sort_name = Navn
    .sort_free = Flest ledige pladser først
    .import = Importér fra fil
    .new = Opret anbringelsessted
    .none = Ingen anbringelsessteder at vise.

option =
    .new = Opret anbringelsessted
    .edit = Redigér
    .facts = Oplysninger
    .name = Navn
    .kind = Type
    .institution_form = Institutionsform
    .address = Adresse
    .free_places = Ledige pladser
    .free_of = ledige af
    .min_free = Mindst ledige pladser
    .places_taken = Optagne pladser
    .approved_places = Godkendte pladser
    .capacity = Kapacitet
    .capacity_confirmed = Kapacitet bekræftet
    .confirm_capacity = Bekræft ledige pladser nu
    .ages = Alder
    .age_min = Fra
    .age_max = Til
    .target_areas = Målgrupper
    .approval = Godkendelse
    .consultant = Ansvarlig konsulent
    .languages = Sprog i hjemmet
    .culture_religion = Kultur og religion
    .wheelchair = Kørestolsadgang
    .day_rate = Døgntakst (kr.)
    .home = Hjemmet
    .competences = Kompetencer
    .no_competences = Ingen kompetencer registreret.
    .up_to = op til
    .network_child = Godkendt til barn (sagsnummer)
    .network_child_hint = Kun netværksplejefamilier: det ene barn godkendelsen gælder.

approval =
    .status_label = Status
    .authority_label = Godkendt af
    .approved_on = Godkendt den
    .valid_until = Gyldig til
    .active = Aktiv
    .suspended = Suspenderet
    .expired = Udløbet
    .pending = Under vurdering

authority =
    .social_supervision = Socialtilsynet
    .municipality = Kommunen
    .other = Andet

known =
    .add = Registrér et sted barnet kender (fx aflastning)
    .how = Hvordan barnet kender stedet

match =
    .flags_hint = Markeringerne under hvert sted er til overvejelse: de udelukker ikke et sted og ændrer ikke scoren. Hver siger, hvor den kommer fra.
    .title = Matchning
    .back_to_case = Tilbage til sagen
    .start = Startdato
    .siblings = Søskende
    .together = Samlet
    .separately = Hver for sig
    .update = Opdatér
    .sibling_group = søskendegruppe
    .split = adskilt fra søskende
    .score = Score
    .contributions = Hvad scoren består af
    .chosen = Valgt
    .free = { $n ->
        [one] 1 ledig plads
       *[other] { $n } ledige pladser
    }
    .open_option = Se stedet
    .none_fit = Intet anbringelsessted opfylder alle krav.
    .excluded = Udelukkede steder og hvorfor
    .of = af
    .show_all = Vis alle
    .propose_this = Indstil dette sted
    .propose_hint = Skriv begrundelsen her, og vælg så stedet med knappen ved det.
    .why = Hvad scoren består af
    .stay_fields = Ved et ophold på institution: planlagt slut og udslusningsmål
    .planned_end_hint = Tomt: startdatoen plus den planlagte længde efter reglerne.
    .choose_exit_goal = Vælg udslusningsmål

exclusion =
    .not_approved = Ikke godkendt
    .approval_suspended = Godkendelse suspenderet
    .approval_expired = Godkendelse udløbet
    .no_free_place = Ingen ledig plads
    .age_outside_range = Alder
    .target_area = Målgruppe
    .support_level = Støttebehov for højt
    .severe_need_uncovered = Svært behov ikke dækket
    .no_wheelchair_access = Kørestolsadgang
    .network_for_another_child = Netværksfamilie for andet barn
    .unsuitable = Registreret uegnet
    .secure_unit_age = Sikret afdeling, barnet for ungt

group =
    .network = Netværk
    .family_based = Familiepleje
    .institutional = Institutioner
    .other = Andet

criterion =
    .needs = Behov dækket
    .known_adults = Kendte voksne
    .school = Samme skole
    .near_network = Nær forældre og netværk
    .siblings = Søskende sammen
    .language = Sprog
    .culture = Kultur og religion
    .tier_fit = Passende specialisering
    .track_record = Stedets tidligere forløb
    .cost = Pris

proposals =
    .title = Indstillinger
    .none = Ingen indstillinger at vise.
    .sort = Sortér efter
    .sort_newest = Nyeste først
    .sort_oldest = Længst ventende først
    .sort_start = Tidligste start først

proposal =
    .search_title = Netværkssøgning
    .search_intro = Stedet er uden for barnets netværk. Sådan står søgningen i netværket i dag:
    .search_open = Se søgningen
    .approval_reason = Begrundelse for at vælge et sted uden for netværket (søgningen er ikke afsluttet)
    .title = Indstilling
    .new = Indstil det valgte sted
    .rationale = Begrundelse
    .rationale_hint = Kort og klart, så familien kan læse den.
    .keep_draft = Gem som kladde (send ikke til leder endnu)
    .submit = Send til leder
    .status = Status
    .children = Barn
    .option = Anbringelsessted
    .proposer = Indstillet af
    .submitted = Sendt
    .decided_by = Afgjort af
    .reason = Begrundelse for afgørelsen
    .facts = Indstillingen
    .chosen = Det valgte sted
    .frozen = Score og begrundelser som de var, da indstillingen blev lavet.
    .decide = Afgørelse
    .approve = Godkend og book pladsen
    .reject = Afvis
    .reject_reason = Begrundelse for afvisning
    .withdraw = Træk tilbage
    .alternatives = Alternativer der blev overvejet
    .no_alternatives = Ingen andre steder opfyldte kravene.
    .placed = Anbringelsen
    .open_placement = Åbn anbringelsen og dens årshjul
    .followed_by = Sagen følges nu op af rådgiver

cover =
    .manage = Se og udpeg stedfortrædere
    .action = Handling
    .removed = Stedfortræderen er fjernet.
    .mine_line = { $name } er din stedfortræder { $period }.
    .carried_line = Du er stedfortræder for { $name } { $period }.
    .title_mine = Stedfortræder, når du er væk
    .title_of = Stedfortræder for { $name }
    .list = Stedfortrædere
    .intro = Mens perioden løber, kan stedfortræderen åbne sagerne og registrere besøg og opfølgninger. Opgaver, der falder i perioden, står på stedfortræderens uge og i morgenmailen. Opgaverne forbliver hos den, der er væk.
    .none = Der er ingen stedfortræder fra i dag og frem.
    .period = Periode
    .stand_in = Stedfortræder
    .stand_in_hint = En kollega fra samme team med samme slags opgaver, eller en teamleder.
    .state = Status
    .running = I gang
    .coming = Kommende
    .end = Afslut nu
    .remove = Fjern
    .new = Udpeg en stedfortræder
    .first_day = Første dag væk
    .last_day = Sidste dag væk
    .choose = Vælg en kollega
    .save = Udpeg stedfortræder
    .no_candidates = Der er ingen kollega i teamet, som kan være stedfortræder. Kontakt din teamleder.
    .days_off_hint = Læg også dagene ind som fridage, så planlægningen holder dem fri.
    .to_days_off = Gå til fridage
    .named = Stedfortræderen er udpeget.
    .ended = Stedfortræderen er afsluttet.
    .link_mine = Skal du være væk? Udpeg en kollega som stedfortræder, så dine opgaver ikke venter.
    .link_of = Udpeg stedfortræder for { $name }
    .on_week = Stedfortræder for { $name } · { $period }
    .on_week_intro = Opgaver, der falder i perioden, mens { $name } er væk. Hold dem senest den viste dag. Du kan åbne sagerne og registrere opgaverne, så længe perioden løber; de forbliver hos { $name }.
    .waiting = { $n ->
        [0] Ingen opgaver falder i perioden indtil nu.
        [one] 1 opgave falder i perioden. Den vises her fra { $first }, når du får adgang til sagerne.
       *[other] { $n } opgaver falder i perioden. De vises her fra { $first }, når du får adgang til sagerne.
    }
    .for = for { $name }
    .by = Senest
    .planned_after = Står i planen hos { $name } til { $date }, efter fraværet.
    .planned_in = Står i planen hos { $name } til { $date }.
    .none_at_all = Ingen opgaver falder i perioden.
    .none_in_week = Ingen af opgaverne skal holdes i denne uge.
    .team = Fravær i dine teams
    .team_line = { $absent } er væk { $period }; { $stand_in } er stedfortræder.

household =
    .title = Børn i hjemmet
    .hint = De børn, der bor i familien, og som Kith ikke har anbragt der: plejeforældrenes egne og børn anbragt af andre. Matchningen ser dem sammen med de børn, Kith har anbragt, når den vurderer aldersforskel og om barnet bliver det yngste.
    .none = Ingen andre børn registreret.
    .years = år
    .confirmed = Senest bekræftet med familien
    .never = aldrig
    .born_on = Født
    .relation = Hvem
    .save = Gem og bekræft i dag
    .confirmed_short = børn i hjemmet bekræftet
    .never_confirmed_short = børn i hjemmet aldrig bekræftet: aldersmarkeringer kan mangle
    .saved = Gemt. Børn i hjemmet er bekræftet i dag.

household_relation =
    .own_child = Plejeforældrenes eget barn
    .placed_by_others = Anbragt af en anden kommune

stability_facts =
    .title = Samtykke og tidligere anbringelser
    .hint = Matchningen markerer et sted, når samtykke mangler, og når barnet før har haft en anbringelse af samme slags, der brød sammen.
    .consent_child = Barnet er enigt i anbringelsen (samtykke fra 15 år, før da barnets holdning)
    .consent_parents = Forældremyndighedsindehaveren er enig i anbringelsen
    .earlier = Tidligere anbringelser (før denne sag)
    .none_earlier = Ingen registreret
    .broke_down = brød sammen
    .kind = Anbringelse
    .not_recorded = Ikke registreret
    .edit = Ret samtykke og tidligere anbringelser
    .save = Gem

consent =
    .agrees = Ja
    .disagrees = Nej
    .not_asked = Ikke spurgt endnu

consent_gap =
    .parents_disagree = forældremyndighedsindehaveren er ikke enig
    .young_person_disagrees = den unge (15 år eller mere) er ikke enig
    .child_against = barnet er imod anbringelsen (barnets holdning; samtykke gives fra 15 år)
    .not_recorded = et nødvendigt svar er ikke registreret eller ikke indhentet endnu

proposal_status =
    .draft = Kladde
    .submitted = Afventer afgørelse
    .approved = Godkendt
    .rejected = Afvist
    .withdrawn = Trukket tilbage

exit_goal =
    .home = Hjem
    .network_family = Netværksfamilie
    .foster_family = Plejefamilie
    .own_home = Egen bolig

rules =
    .title = Regler for matchning og årshjul
    .preview = Vis, hvad ændringen flytter
    .preview_hint = Årshjulets regler planlægger alle anbringelser om, når de gemmes. Se først, hvad de nye tal flytter.
    .preview_nothing_kept = Intet er gemt endnu: tryk "Gem" for at bruge reglerne, eller ret tallene.
    .preview_result = Med disse regler ville årshjulet { $created ->
        [one] oprette 1 besøg
       *[other] oprette { $created } besøg
    }, { $updated ->
        [one] flytte 1
       *[other] flytte { $updated }
    } og { $cancelled ->
        [one] aflyse 1
       *[other] aflyse { $cancelled }
    }. { $flagged ->
        [0] Alt kan planlægges, som reglerne siger.
        [one] 1 besøg kan ikke planlægges, som reglerne siger, og vises for lederen.
       *[other] { $flagged } besøg kan ikke planlægges, som reglerne siger, og vises for lederen.
    }
    .intro = Vægtene bestemmer hvor meget hvert kriterium tæller. Reglerne gælder straks for nye matchninger.
    .weights = Vægte
    .weights_hint = Hele tal fra 0. Scoren er hvert kriteriums andel af summen.
    .numbers = Grænser
    .institution_default_months = Planlagt længde af institutionsophold (måneder)
    .school_full_km = Fuld score for skole inden for (km)
    .school_zero_km = Ingen score for skole ud over (km)
    .network_full_km = Fuld score for nærhed inden for (km)
    .network_zero_km = Ingen score for nærhed ud over (km)
    .day_rate_low_dkk = Fuld score for pris til og med (kr./døgn)
    .day_rate_high_dkk = Ingen score for pris fra (kr./døgn)
    .capacity_stale_days = Ledige pladser er forældede efter (dage)
    .secure_unit_min_age = Sikret afdeling tilbydes fra alder (år)
    .network_search_stale_days = Netværkssøgning er forældet efter (dage)
    .wheel = Årshjulet
    .wheel_hint = Når du gemmer, planlægges alle anbringelsers år igen efter de nye tal.
    .weekly_capacity = Højst besøg om ugen (for den, der ikke har sat sit eget tal)
    .daily_capacity = Højst besøg om dagen
    .horizon_months = Planlæg så langt frem (måneder)
    .escalate_after_days = Lovpligtige opgaver sendes til teamlederen efter (dage over fristen)
    .digest_days_ahead = Morgenmailen viser opgaver de næste (dage)
    .first_weeks = De første uger
    .first_weeks_hint = Sammenbrud sker oftest tidligt, så en ny anbringelse følges tættere i starten: en opstartskontakt inden for de første dage og derefter med faste mellemrum. Hvor flere mønstre passer, gælder det med flest kontakter.
    .fw_all_kinds = Alle anbringelser
    .fw_heading_age = { $kinds }, børn fra { $age } år
    .fw_first_within_days = Første kontakt senest (dage efter start)
    .fw_every_days = Derefter en kontakt hver (dage)
    .fw_for_days = Indtil (dage efter start)
    .fw_window_days = Må holdes så mange dage før eller efter
    .fw_from_age = Kun for børn fra (år; tomt for alle)

needs =
    .title = Behovskatalog
    .intro = Det fælles katalog beskriver både børns behov og anbringelsesstedernes kompetencer.
    .code = Kode
    .label_da = Navn (dansk)
    .label_en = Navn (engelsk)
    .description_da = Beskrivelse (dansk)
    .description_en = Beskrivelse (engelsk)
    .sort_order = Rækkefølge
    .active = I brug
    .retired = udgået
    .new = Nyt behov

week =
    .mine = Min uge
    .of = Ugen for
    .previous = ← Forrige uge
    .this = Denne uge
    .next = Næste uge →
    .load = { $visits ->
        [one] 1 besøg planlagt i ugen
       *[other] { $visits } besøg planlagt i ugen
    } (højst { $capacity } om ugen)
    .day_by_day = Ugen dag for dag
    .day_free = Ingen besøg
    .today = i dag
    .overdue_short = overskredet
    .day_visits = { $n ->
        [one] 1 besøg
       *[other] { $n } besøg
    }
    .none_else_due = Intet andet skal gøres i ugen end det overskredne ovenfor.
    .overdue = Overskredet
    .due = Skal gøres nu
    .due_in_week = Planlagt i ugen eller med frist i ugen
    .upcoming = De næste fire uger
    .none_overdue = Intet er overskredet.
    .none_due = Intet skal gøres i denne uge.
    .none_upcoming = Intet planlagt de næste fire uger.
    .agreements = Mine aftaler
    .none_agreements = Du har ingen åbne aftaler.
    .network_steps = Næste skridt i netværkssøgninger
    .agreement_done = Udført
    .agreement_other = Drop eller skriv en note
    .day_off = fridag

overdue =
    .not_recorded = Planlagt { $date }, men ikke registreret som afholdt.
    .moved = Flyttet til { $date }, efter fristen.
    .catch_up = Fristen var allerede overskredet, da besøget skulle planlægges; sat til { $date }.
    .over_capacity = Der var ikke plads i kalenderen før fristen; sat til { $date }.
    .no_working_day = Der var ingen arbejdsdag før fristen; sat til { $date }.

visit_status =
    .planned = Planlagt
    .held = Afholdt
    .cancelled = Aflyst

plan_flag =
    .over_capacity = Over kapacitet
    .no_working_day = Ingen arbejdsdag
    .outside_window = Uden for vinduet

cancel_reason =
    .placement_ended = Anbringelsen er afsluttet
    .no_longer_needed = Ikke længere nødvendigt
    .decided = Afgjort: beslutningen er registreret på anbringelsen
    .by_user = Aflyst af en medarbejder

visit =
    .after_care_hint = Inden den unge fylder 18 år, afklares hvilken støtte der skal være efter 18 (efterværn). Opgaven er løst, når beslutningen er registreret på anbringelsen.
    .after_care_decide = Registrér beslutningen på anbringelsen
    .facts = Om besøget
    .placement = Anbringelse
    .planned_on = Planlagt
    .window = Kan holdes
    .due_on = helst omkring
    .deadline = Frist
    .assignee = Ansvarlig
    .state = Status
    .days = dage
    .flag = Bemærkning fra planlægningen
    .moved_reason = Flyttet fordi
    .cancel_reason = Årsag til aflysning
    .pinned = Fastlagt
    .seen_alone_required = barnet skal ses alene
    .open_record = Åbn og registrér
    .open = Åbn
    .record = Referat
    .record_it = Registrér besøget
    .held_on = Afholdt den
    .child_seen_alone = Blev barnet set alene?
    .not_seen_alone_reason = Hvorfor ikke alene
    .child_view = Barnets egne ord
    .child_view_hint = Skriv, hvad barnet selv fortalte i samtalen – eller hvorfor barnet ikke kunne fortælle det.
    .observations = Iagttagelser
    .open_follow_ups = Aftaler fra tidligere besøg
    .open_follow_ups_hint = Markér dem, der er gjort.
    .new_follow_ups = Nye aftaler
    .new_follow_ups_hint = Skriv kun det, der blev aftalt. En udfyldt række skal have hvad, hvem og senest hvornår; tomme rækker gemmes ikke.
    .fu_what = Hvad
    .fu_owner = Hvem
    .fu_owner_choose = Vælg hvem
    .fu_due = Senest
    .follow_ups_made = Aftaler
    .done_on = gjort
    .save_record = Gem referat
    .move = Flyt besøget
    .move_to = Ny dato
    .move_reason = Hvorfor
    .cancel = Aflys
    .cancel_hint = Et lovpligtigt besøg bliver planlagt igen, så tallet for året holder.

year =
    .title = Årshjul
    .facts = Anbringelsen
    .start = Periode
    .consultant = Konsulent
    .adviser = Rådgiver
    .rhythm = Rytme for opfølgning på handleplan
    .months = måneder
    .rules_rhythm = Standard fra reglerne
    .rhythm_hint = Tom: reglernes standard.
    .change = Skift konsulent eller rytme
    .save = Gem og planlæg igen
    .wheel = De næste tolv måneder
    .recorded = Besøget er registreret, og det næste er planlagt.

overdue_list =
    .days = { $n ->
        [one] én dag
       *[other] { $n } dage
    }
    .no_stays = Ingen ophold er over deres planlagte slut.
    .clock = Hvor længe over
    .title = Overskredet nu
    .intro = De besøg, opfølgninger og ophold, som dashboardets tal for "nu" tæller: besøg og opfølgninger, der er planlagt, men hvis frist er passeret, og ophold, der løber efter deres planlagte slut. Åbn en opgave eller et ophold for at se, hvem der har det.
    .back = Tilbage til dashboardet
    .none = Intet er overskredet.

escalated =
    .title = Sendt videre til dig
    .intro = Lovpligtige opgaver i dit team, der var mere end { $days ->
        [one] én dag
       *[other] { $days } dage
    } over fristen og derfor blev sendt videre til dig denne morgen. Det er præcis dem, e-mailen talte. Åbn en opgave for at se, hvem der har den, og hvad der mangler.
    .items = Opgaver
    .none = Ingen opgaver blev sendt videre til dig denne dag.
    .team_year = Teamets år

team =
    .title = Teamets år
    .intro = Besøg pr. konsulent pr. måned (planlagte og afholdte) mod den plads, de har. Røde søjler er over.
    .none = Dine enheder har ingen konsulenter. Teamets år viser konsulenternes besøg måned for måned; planopfølgningerne i dine enheders sager står under Sager.
    .capacity = Plads:
    .per_week = besøg om ugen
    .months_over = måneder over
    .table_caption = Besøg og plads pr. måned for
    .month = Måned
    .visits = Besøg
    .room = Plads

me =
    .title = Min profil
    .room = Plads til besøg
    .room_intro = Planlægningen bruger nu højst dette antal besøg om ugen:
    .weekly_visits = Højst besøg om ugen
    .weekly_visits_hint = Tom: reglernes standard.
    .days_off = Fridage
    .days_off_hint = Vælg en dato i hvert felt. Tøm et felt for at fjerne dagen; gem for at få flere tomme felter.
    .save = Gem og planlæg igen
    .calendar = Kalender
    .calendar_intro = Abonnér på dine besøg i din kalender. Adressen er hemmelig; den viser ingen navne.
    .calendar_new = Din nye adresse. Den vises kun nu; den gamle virker ikke længere.
    .calendar_address = Kalenderadresse
    .calendar_rotate = Lav en ny adresse
    .calendar_revoke = Stop kalenderen
    .day_off = Fridag
    .calendar_copy = Kopiér adressen
    .calendar_copied = Kopieret
    .calendar_outlook = Sådan gør du i Outlook
    .outlook_1 = Åbn kalenderen i Outlook, og vælg Tilføj kalender og derefter Abonner fra internettet (i det klassiske Outlook: Hjem, Tilføj kalender, Fra internettet).
    .outlook_2 = Sæt adressen ind, giv kalenderen et navn, fx Kith-besøg, og vælg Importér.
    .outlook_3 = Besøgene vises nu i en kalender for sig. Du kan slå den til og fra ved siden af din egen.
    .calendar_google = Sådan gør du i Google Kalender
    .google_1 = Åbn Google Kalender på en computer. Vælg plusset ved Andre kalendere og derefter Fra webadresse.
    .google_2 = Sæt adressen ind, og vælg Tilføj kalender.
    .google_3 = Kalenderen vises under Andre kalendere. På telefonen kommer den med, når den er synkroniseret.
    .calendar_refresh = Kalenderprogrammet henter ændringer af sig selv, typisk nogle gange i døgnet; et besøg, du flytter i Kith, flytter sig der lidt senere.

month =
    .m01 = Januar
    .m02 = Februar
    .m03 = Marts
    .m04 = April
    .m05 = Maj
    .m06 = Juni
    .m07 = Juli
    .m08 = August
    .m09 = September
    .m10 = Oktober
    .m11 = November
    .m12 = December

common =
    .yes = Ja
    .no = Nej

signal =
    .title = Kræver opmærksomhed
    .since = siden
    .past_planned_end = Over den planlagte slutdato
    .ending_without_exit_plan = Slutter snart uden udslusningsplan
    .ending_with_goals_flat = Slutter snart, og et mål har stået stille i 30 dage
    .no_progress = Ingen fremdrift registreret i 60 dage
    .review_overdue = Planopfølgning overskredet
    .adulthood_review_due = Støtte efter 18 år skal besluttes

agreements =
    .title = Aftaler
    .none = Ingen åbne aftaler.
    .what = Aftale
    .who = Hvem
    .due = Senest
    .made_at = Aftalt ved
    .the_visit = besøget
    .the_review = planopfølgningen
    .overdue = overskredet
    .hint = Luk en aftale her, på ugen hos den, der har den, eller ved næste besøg.
    .close = Luk aftalen
    .outcome = Hvordan gik det?
    .note = Note (skriv, hvorfor den droppes)
    .save = Gem

stay =
    .title = Kortvarigt ophold
    .ends_in = { $days ->
        [0] slutter i dag
        [one] slutter i morgen
       *[other] slutter om { $days } dage
    }
    .past_end = { $days ->
        [one] 1 dag over den planlagte slutdato – opholdet er stadig i gang
       *[other] { $days } dage over den planlagte slutdato – opholdet er stadig i gang
    }
    .planned_end = Planlagt slut
    .exit_goal = Udslusningsmål
    .no_exit_plan = Ingen udslusningsplan endnu
    .exit_move_on = Flyttedag
    .no_exit_move = Ingen flyttedag endnu
    .exit_steps = Skridt frem mod flytningen (hvem gør hvad)
    .exit_plan_hint = Planen siger, hvor barnet skal hen, hvornår og hvordan. Flyttedagen ligger inden for opholdet; forlæng opholdet først, hvis den ligger senere.
    .exit_goal_reached = Udslusningsmålet nået
    .extensions = Forlængelser
    .edit_exit_plan = Skriv udslusningsplan
    .exit_steps_short = Skridt frem mod flytningen
    .save_exit_plan = Gem udslusningsplan
    .change_exit_plan = Ret udslusningsplan
    .extend = Forlæng opholdet
    .new_end = Ny planlagt slutdato
    .reason = Begrundelse

goal =
    .title = Barnets plan: mål
    .none = Ingen mål endnu.
    .new = Nyt mål
    .add = Tilføj mål
    .area = Område
    .text = Målet
    .text_hint = Skriv målet, så barnet og familien kan læse det.
    .measure = Hvordan måles det
    .measure_kind = Måling
    .scale_0_10 = skala 0-10:
    .baseline = Udgangspunkt
    .target = Mål
    .unit = Enhed (fx skoledage om ugen)
    .parties = Hvem er ansvarlige
    .due = Frist
    .status = Status
    .progress = Fremdrift
    .chart_caption = Fremdrift over tid; den tykke linje er målet.
    .date = Dato
    .value = Værdi
    .way = Af vejen
    .note = Note
    .took_part = Med var
    .child = barnet
    .parents = forældrene
    .reached = Nået
    .not_reached = Ikke nået
    .record_progress = Registrér fremdrift
    .child_took_part = Barnet var med
    .parents_took_part = Forældrene var med
    .save_progress = Gem fremdrift
    .close = Afslut målet

measure =
    .scale = Skala 0-10
    .number = Tal med enhed
    .yes_no = Nået ja/nej

goal_status =
    .active = Aktivt
    .achieved = Nået
    .not_achieved = Ikke nået
    .revised = Revideret
    .dropped = Opgivet

goal_outcome =
    .keep = Fortsætter
    .adjust = Justeres
    .achieved = Nået
    .drop = Opgives

review_decision =
    .continue = Planen fortsætter
    .adjust_goals = Målene justeres
    .change_measure = Målingen ændres
    .end_placement = Anbringelsen skal ophøre

review =
    .title = Planopfølgninger (§ 95)
    .none = Ingen planopfølgninger endnu.
    .record = Registrér planopfølgning
    .held_on = Holdt den
    .decision = Beslutning
    .rhythm = Næste opfølgning om (måneder)
    .rhythm_hint = Tomt: rytmen fortsætter uændret.
    .child_view = Barnets syn på planen
    .save = Gem planopfølgning
    .next_in = næste om
    .due = frist

end =
    .title = Afslut anbringelsen
    .open = Afslut anbringelsen …
    .date = Slutdato
    .reason = Årsag
    .breakdown = Anbringelsen brød sammen
    .open_goals = Åbne mål afsluttes som
    .submit = Afslut anbringelsen

end_reason =
    .goal_reached = Målet er nået
    .home = Hjem
    .moved_on = Flyttet videre
    .breakdown = Sammenbrud
    .aged_out = Overgang til voksen
    .other = Andet

caseload =
    .select = Vælg
    .hand_over = Overdrag valgte anbringelser
    .hand_over_hint = Når en konsulent eller rådgiver stopper eller er væk længe: sæt kryds ved anbringelserne ovenfor, vælg hvem der overtager (en konsulent, eller en rådgiver for børnenes sager), og overdrag dem på én gang. Planlagte besøg og planopfølgninger flytter med, og skiftet tælles i kontinuitetstallet.
    .hand_over_to = Overdrag til konsulent
    .hand_over_to_adviser = Eller overdrag sagerne til rådgiver
    .hand_over_button = Overdrag de valgte
    .handed = { $n ->
        [0] Ingen anbringelser skiftede konsulent: de valgte havde allerede den konsulent.
        [one] 1 anbringelse er overdraget.
       *[other] { $n } anbringelser er overdraget.
    }
    .agreements = Aftaler
    .open_agreements = { $n ->
        [one] én åben
       *[other] { $n } åbne
    }
    .overdue_agreements = { $n ->
        [one] én overskredet
       *[other] { $n } overskredne
    }
    .title = Mine anbringelser
    .intro = Hver anbringelse med målenes fremdrift og det, der kræver opmærksomhed; det mest presserende først.
    .none = Ingen igangværende anbringelser.
    .child = Barn
    .placement = Anbringelse
    .goals = Mål
    .next_review = Næste planopfølgning
    .no_goals = Ingen aktive mål
    .of = af
    .moving = i bevægelse (90 dage)
    .title_team = Teamets anbringelser
    .unit = Team
    .person = Rådgiver eller konsulent
    .placements = anbringelser
    .page = side
    .of_pages = af
    .pages = Sider
    .previous = ← Forrige side
    .next = Næste side →

dash =
    .title = Overblik over fremdrift
    .unit = Enhed
    .all_units = Alle mine enheder
    .from = Fra
    .to = Til
    .show = Vis
    .download = Hent som regneark
    .definitions = Tal i parentes: hvor mange det bygger på. Under «Sådan regnes tallene» står, hvordan hvert tal regnes.
    .lead_times = Sagsbehandlingstider (median)
    .request_to_proposal = Anmodning → indstilling
    .proposal_to_decision = Forslag → afgørelse
    .decision_to_start = Afgørelse → start
    .days = dage
    .visits = Tilsyn og besøg
    .within_window = Holdt inden for vinduet (12 mdr.)
    .seen_alone = Barnet talt med alene (tilsyn)
    .overdue_visits = Overskredne besøg nu
    .overdue_reviews = Overskredne planopfølgninger nu
    .goals = Mål
    .goals_moving = Mål med fremdrift (90 dage)
    .goals_achieved = Nåede mål (af afsluttede)
    .stays = Kortvarige ophold
    .past_end = Over planlagt slut nu
    .stay_length = Median varighed / planlagt
    .exit_reached = Udslusningsmål nået
    .continuity = Kontinuitet
    .consultant_changes = Konsulentskift pr. anbringelsesår
    .adviser_changes = Rådgiverskift pr. anbringelsesår
    .breakdowns = Sammenbrud pr. 100 anbringelsesår
    .forms = Anbringelsesformer
    .forms_table = Anbringelser efter form: nu og startet i perioden
    .monthly = Startede anbringelser pr. måned
    .form = Form
    .current = Nu
    .started = Startet
    .caseloads = Sagsstammer
    .caseload_caption = Konsulenternes anbringelser; linjen er gennemsnittet, og en rød søjle ligger over det.
    .consultants = Konsulenter
    .advisers = Rådgivere
    .person = Medarbejder
    .placements = Anbringelser
    .stability = Stabilitet
    .moves_rate = Flytninger pr. 1.000 dage i anbringelse
    .three_placements = Børn med 3 eller flere anbringelser på 2 år
    .same_carer = Samme sted i 2 år (langvarigt anbragte under 16)
    .early_breakdowns = Sammenbrud inden for de første 12 måneder
    .adviser_changes_child = Skift af sagsrådgiver pr. barn
    .school_changes_child = Skoleskift pr. barn
    .network = Netværket først
    .placed_in_network = Anbragt i netværket
    .search_completed = Netværkssøgning afsluttet

draft =
    .restored = Formularen er udfyldt med din kladde, gemt
    .discard = Kassér kladden
    .discard_warning = Teksten i kladden slettes, og det kan ikke fortrydes.
    .discard_confirm = Ja, kassér kladden
    .saved = Kladde gemt kl.
    .not_saved = Kladden kunne ikke gemmes. Kopiér teksten, før du går fra siden.

chart =
    .placements = Anbringelser
    .visits = Besøg
    .baseline = Start
    .target = Mål
    .value = Værdi

dash_def =
    .title = Sådan regnes tallene
    .scope = En leder ser anbringelserne i sine enheder: en anbringelse hører til en enhed, når dens rådgiver eller konsulent er med i enheden. Perioden er fra og til begge dage med. "Nu" er periodens sidste dag (eller i dag, hvis den er tidligere); overskredet arbejde læses altid i dag. Står der "–", er der intet at regne på.
    .request_to_proposal = For anbringelser, der startede i perioden efter en godkendt indstilling: medianen af dage fra anmodningen om anbringelse til indstillingen blev sendt.
    .proposal_to_decision = Medianen af dage fra indstillingen blev sendt, til den blev godkendt.
    .decision_to_start = Medianen af dage fra godkendelsen til anbringelsens start (negativ, når den blev godkendt efter indflytningen).
    .within_window = Af de tilsyns-, støtte- og institutionsbesøg, der er holdt de seneste 12 måneder: andelen holdt inden for deres vindue (fra det åbner, til fristen).
    .seen_alone = Af de tilsynsbesøg, der er holdt de seneste 12 måneder: andelen, hvor barnet blev talt med alene.
    .overdue_visits = Planlagte besøg på igangværende anbringelser, hvis frist var før i dag. Tallet fører til listen over dem.
    .overdue_reviews = Planlagte planopfølgninger på igangværende anbringelser, hvis forfaldsdag var før i dag. Tallet fører til listen over dem.
    .goals_moving = Af de aktive mål: andelen med mindst én registrering af fremdrift de seneste 90 dage.
    .goals_achieved = Af de mål, der er afsluttet i perioden (nået, ikke nået eller droppet): andelen, der blev nået. Et revideret mål er ikke afsluttet.
    .past_end = Kortvarige ophold, der stadig kører efter deres planlagte slutdato.
    .stay_length = For ophold, der sluttede i perioden: medianen af den faktiske varighed i dage, og af den varighed, der oprindeligt var planlagt.
    .exit_reached = Af de afsluttede ophold med et udslusningsmål: andelen, hvor målet blev nået.
    .consultant_changes = Skift af ansvarlig konsulent i perioden, delt med anbringelsesårene i perioden (365 anbringelsesdage er ét år).
    .adviser_changes = Det samme for sagsrådgivere.
    .breakdowns = Anbringelser, der sluttede med et sammenbrud i perioden, gange 100, delt med anbringelsesårene i perioden.
    .forms = Anbringelser efter form: dem, der kører nu, og dem, der startede i perioden, også måned for måned.
    .caseloads = For hver konsulent og rådgiver: de anbringelser, der kører nu, som de har ansvaret for.
    .moves_rate = For de børn, der kom i anbringelse i perioden og var anbragt mindst 8 dage: deres flytninger i perioden gange 1.000, delt med deres dage i anbringelse i perioden. At blive anbragt er ikke en flytning; en ny anbringelse, der starter senest 7 dage efter, at den forrige sluttede, er. Det er den amerikanske føderale indikator for anbringelsesstabilitet (CFSR).
    .three_placements = Af de børn, der er anbragt nu: andelen, der har haft 3 eller flere anbringelser inden for de seneste 2 år. Til sammenligning: England 2024, 23 %.
    .same_carer = Af de børn under 16, der nu har været anbragt uden afbrydelse i mindst 30 måneder: andelen, der har boet samme sted de seneste 24 måneder. Til sammenligning: England 2024, 68 %.
    .early_breakdowns = Anbringelser, der sluttede med et sammenbrud i perioden, mindre end 12 måneder efter de startede.
    .adviser_changes_child = Skift af sagsrådgiver i perioden, delt med antallet af børn med en anbringelse i perioden.
    .school_changes_child = Skoleskift i perioden, delt med antallet af børn med en anbringelse i perioden. Et skoleskift tælles, når rådgiveren ændrer barnets skole til en anden skole på barnets side (første gang en skole skrives ind, tælles ikke; heller ikke en rettelse af samme adresse). Skift før Kith tælles ikke.
    .placed_in_network = Af de børn, der er anbragt nu: andelen, der bor hos en netværksplejefamilie.
    .search_completed = Af de børn, der er anbragt nu: andelen, hvis netværkssøgning er afsluttet i dag (alle i netværket er spurgt og har svaret, intet skridt er åbent, og den seneste henvendelse er ikke ældre end reglernes antal dage, som udgangspunkt 180).

allocation =
    .title = Fordel flere ventende børn
    .back = Ventende børn
    .lead = Vælg de børn, der venter, og se den fordeling på anbringelsesstederne, der samlet matcher bedst inden for de ledige pladser. Intet bookes: indstillingen laves fra hvert barns matchning.
    .choose = Vælg børn
    .pick = Med
    .none_waiting = Ingen børn venter på en anbringelse lige nu.
    .start = Ønsket startdato
    .together = Søskende anbringes sammen
    .run = Find den bedste fordeling
    .result = Forslag til fordeling
    .summary = { $placed ->
        [0] Ingen børn får en plads
        [one] Ét barn får en plads, med et match på { $mean } af 100
       *[other] { $placed } børn får en plads, i gennemsnit et match på { $mean } af 100
    }
    .greedy = Tager man børnene ét ad gangen, det bedste match først:
    .choose_one = Vælg mindst ét barn.
    .family_first = Når barnets egen matchning anbefaler en plejefamilie, får barnet kun plads i en familie her. Er familierne optaget, står barnet under "Ingen plads", så du kan se på det selv.
    .children = Barn
    .option = Anbringelsessted
    .next = Næste skridt
    .propose = Indstil
    .unplaced = Ingen plads i denne fordeling
    .see_matches = se matchning
    .books_nothing = Fordelingen bookes ikke. Pladserne er først optaget, når en indstilling er godkendt.

imports =
    .title = Importér fra fil
    .lead = Flyt kommunens oplysninger ind i Kith fra et regneark (CSV eller Excel). Kontrollér filen først: intet gemmes, og hvert problem står med række og kolonne. En import gemmer kun, når ingen række har et problem.
    .options = Anbringelsessteder
    .children = Børn
    .options_lead = Én række pr. anbringelsessted. Godkendelsen, pladserne og målgrupperne skal stå i filen; konsulenten angives med sin e-mail.
    .children_lead = Én række pr. barn. Rådgiveren angives med sin e-mail; CPR-nummeret er valgfrit og vises aldrig i en rapport.
    .required = Kolonner, der skal være der
    .optional = Kolonner, der kan være der
    .columns_file = Hent en tom fil med kolonnerne
    .allowed = Hvad kolonnerne må indeholde
    .dates = en dato skrives åååå-mm-dd (fx 2027-02-01)
    .list = flere adskilles med semikolon
    .ages = hele år fra 0 til 23; fra-alderen højst til-alderen
    .needs = behov som kode:niveau, adskilt med semikolon (fx attachment:moderate; trauma:light)
    .file = Fil (CSV eller Excel)
    .file_hint = Første række er kolonnernes navne, som ovenfor. Højst 20 MB.
    .choose_file = Vælg en fil.
    .check = Kontrollér filen
    .run = Importér
    .report = Resultat
    .row = Række
    .column = Kolonne
    .problem = Problem
    .fix_and_again = Ret rækkerne i regnearket, og send filen igen. Intet er gemt.
    .outcome_problems = { $rows ->
        [one] 1 række læst
       *[other] { $rows } rækker læst
    }, { $problems ->
        [one] 1 problem. Intet er gemt.
       *[other] { $problems } problemer. Intet er gemt.
    }
    .outcome_checked = { $rows ->
        [one] 1 række læst uden problemer. Intet er gemt endnu: tryk "Importér" for at gemme.
       *[other] { $rows } rækker læst uden problemer. Intet er gemt endnu: tryk "Importér" for at gemme.
    }
    .outcome_created = { $created ->
        [one] 1 oprettet.
       *[other] { $created } oprettet.
    }
    .see_options = Se anbringelsesstederne
    .see_children = Se børnene

after_care =
    .title = Støtte efter 18 år
    .lead = Den unge nærmer sig 18 år. Beslut, hvilken støtte der skal være efter 18-årsdagen (efterværn), og skriv beslutningen her.
    .decision = Beslutning om støtte efter 18 år
    .choose = Vælg beslutningen
    .save = Gem beslutningen
    .decided_on = besluttet

after_care_decision =
    .continued_placement = Anbringelsen opretholdes som efterværn
    .contact_person = Fast kontaktperson
    .other_support = Anden støtte
    .no_support = Ingen støtte efter 18 år

search =
    .title = Netværkssøgning
    .state_empty = Ingen i netværket er spurgt endnu. Søg i netværket først: spørg bedsteforældre, familie og andre voksne, barnet kender.
    .state_unfinished = Søgningen er ikke afsluttet: { $asked } af { $persons } { $persons ->
        [one] person
       *[other] personer
    } er spurgt, og { $open ->
        [0] ingen skridt er åbne
        [one] 1 skridt er åbent
       *[other] { $open } skridt er åbne
    }. Alle skal have et svar (ikke interesseret, under vurdering, godkendt eller afvist).
    .state_stale = Søgningen er afsluttet, men er ældre end { $days } dage (sidst { $last }). Spørg netværket igen, før der vælges et sted uden for netværket.
    .state_completed = Søgningen er afsluttet: { $persons ->
        [one] den ene person i netværket har svaret
       *[other] alle { $persons } personer i netværket har svaret
    } (sidst { $last }).
    .no_records = Ingen henvendelser er registreret endnu.
    .asked_on = Dato
    .person = Person i netværket
    .outcome = Udfald
    .reason = Begrundelse
    .reason_hint = skal udfyldes ved afslag
    .next_step = Næste skridt
    .next_step_hint = fx "ringer igen" eller "første samtale"
    .next_step_on = Næste skridt senest
    .asked_by = Registreret af
    .open = åbent
    .record = Registrér en henvendelse
    .save = Gem henvendelsen
    .add_people_first = Tilføj først personerne i barnets netværk ovenfor; derefter kan hver henvendelse registreres her.

network_ask_outcome =
    .not_reached = Ikke truffet
    .unwilling = Ikke interesseret
    .willing = Interesseret
    .in_assessment = Under vurdering
    .approved = Godkendt
    .refused = Afvist
