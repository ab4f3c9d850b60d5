# Kith: matching's explanations in Danish — why an option scores what it scores (reason),
# why it is excluded (exclusion_reason), what the match unit should know (flag), and what the
# options point to (advice). The domain names the text and its values; the words are here.

reason =
    .joined = { $clauses }
    .no_needs = Ingen behov registreret
    .all_needs = { $count ->
        [one] Dækker barnets ene behov
       *[other] Dækker alle { $count } behov
    }
    .covers_fully = Dækker { $full } af { $total } behov fuldt
    .covers_partly = delvist: { $needs }
    .covers_not = ikke: { $needs }
    .network_family = Netværksfamilie: voksne barnet kender
    .knows_family = Barnet kender familien
    .knows_family_how = Barnet kender familien ({ $how })
    .no_known_adults = Ingen kendte voksne
    .school_not_school_age = ikke i skolealderen
    .school_not_recorded = ingen skole registreret
    .school_no_location = skolen har ingen koordinater
    .school_option_no_location = stedet har ingen koordinater
    .school_km = { $km } km til skolen
    .no_parents_or_network_location = Ingen adresse med koordinater for forældre eller netværk
    .option_has_no_location = Stedet har ingen koordinater
    .own_network = Barnets eget netværk
    .km_to_parents = { $km } km til forældrene
    .km_to_network = { $km } km til netværket
    .siblings_together = { $count } søskende anbringes sammen
    .placed_apart = Anbringes adskilt fra sine søskende
    .joins_siblings = Bor sammen med sine søskende, som allerede bor her
    .apart_from_placed_siblings = Adskilt fra sine søskende, som bor et andet sted
    .no_siblings = Ingen søskende at anbringe sammen med
    .no_language = Intet sprog registreret for barnet
    .speaks = Taler { $languages }
    .does_not_speak = Taler ikke { $languages }
    .no_culture_wishes = Ingen ønsker om kultur eller religion
    .meets_wish = Imødekommer ønsket ({ $words })
    .does_not_state_wish = Hjemmet oplyser ikke: { $wish }
    .network_tier = Netværksfamilie: specialiseringsgrad er ikke relevant
    .institution_for = { $level ->
        [severe] Intensiv indsats svarer til svære behov
        [moderate] En institution er mere end moderate behov kalder på
       *[light] En institution er langt mere end lette behov kalder på
    }
    .family_tier_fits = Passende til { $level ->
        [severe] svære
        [moderate] moderate
       *[light] lette
    } støttebehov
    .family_tier_more = Mere specialiseret end { $level ->
        [severe] svære
        [moderate] moderate
       *[light] lette
    } støttebehov kalder på
    .family_tier_far_more = Langt mere specialiseret end { $level ->
        [severe] svære
        [moderate] moderate
       *[light] lette
    } støttebehov kalder på
    .breakdowns = { $count ->
        [0] Ingen sammenbrud hos stedet
       *[other] { $count } tidligere sammenbrud
    }
    .no_day_rate = Ingen døgntakst
    .no_day_rate_recorded = Ingen døgntakst registreret
    .day_rate = Døgntakst { $kroner } kr.

exclusion_reason =
    .no_approval_date = Ingen godkendelsesdato
    .approved_only_from = Først godkendt fra { $from }
    .not_approved_yet = Endnu ikke godkendt
    .suspended = Godkendelsen er suspenderet
    .expired = Godkendelsen er udløbet
    .expires_before_start = Godkendelsen udløber { $until }, før start { $start }
    .no_free_place = { $free ->
        [one] 1 ledig plads
       *[other] { $free } ledige pladser
    }; { $needed } skal bruges
    .age = Alder { $age } ved start er uden for { $min }–{ $max } år
    .target_area = Ikke godkendt til målgruppen: { $area }
    .support_level = { $kind }: støttebehov op til { $level ->
        [severe] svære
        [moderate] moderate
       *[light] lette
    }
    .severe_need_uncovered = Ingen kompetence til svært behov: { $need }
    .no_wheelchair_access = Ingen kørestolsadgang
    .network_for_another_child = Netværksfamilie godkendt til et andet barn
    .unsuitable = Registreret som uegnet: { $why }
    .secure_unit_age = En sikret afdeling; barnet er { $age } år ved start, og reglerne tilbyder den fra { $min } år

flag =
    .needs_concrete_approval = Kræver en konkret godkendelse før flytning
    .capacity_unconfirmed = Ledige pladser er aldrig bekræftet
    .capacity_stale = Ledige pladser sidst bekræftet for { $days ->
        [one] 1 dag
       *[other] { $days } dage
    } siden
    .age_gap_under_two = Et barn i hjemmet er tæt på barnets alder (under 2 års forskel): { $age } år
    .not_youngest = Barnet bliver ikke det yngste i hjemmet (det yngste er { $age } år)
    .teenager_in_general_family = En teenager på { $age } år i en almen plejefamilie
    .school_change = Skolen ligger { $km } km væk: barnet skal sandsynligvis skifte skole
    .siblings_split = Barnet anbringes uden sine søskende
    .earlier_breakdown = Barnet har før haft en anbringelse af samme slags, der brød sammen ({ $kind })
    .no_consent = Samtykke: { $why }
    .consultant_change = Barnet får en anden familieplejekonsulent end i dag

flag_source =
    .household = Kilde: faglig matchpraksis; hjemmets andre børn indgår blandt plejefamiliens forhold i Konijn m.fl. (2019), en metaanalyse af 42 studier af sammenbrud
    .age = Kilde: Konijn m.fl. (2019): jo ældre barnet er, jo oftere bryder anbringelsen sammen (sammenhæng r = 0,25)
    .school = Kilde: Barnets Lov § 52, stk. 2: undgå skoleskift
    .siblings = Kilde: Barnets Lov § 52, stk. 3; Konijn m.fl. (2019): søskende anbragt sammen bryder sjældnere sammen (sammenhæng r = 0,16)
    .history = Kilde: Konijn m.fl. (2019): tidligere anbringelser og sammenbrud
    .consent = Kilde: Barnets Lov § 46: samtykke fra forældremyndighedsindehaveren og fra den unge, der er fyldt 15 år
    .continuity = Kilde: faglig praksis: et skift af konsulent svækker kontinuiteten i de voksne omkring barnet

advice =
    .family_based = Anbefaling: familiebaseret anbringelse
    .institutional_stay = Anbefaling: et kort, målrettet institutionsophold på { $months } måneder med mål om at komme hjem eller i familiepleje
    .none_suitable = Intet egnet anbringelsessted opfylder alle krav
    .meet_every_requirement = { $count ->
        [one] 1 familiebaseret sted opfylder alle krav; det scorer { $score }
       *[other] { $count } familiebaserede steder opfylder alle krav; det første i listen scorer { $score }
    }
    .rules_list_network_later = Reglerne placerer netværksfamilier efter andre familiebaserede steder
    .no_network_family = Barnet har ingen netværksfamilie blandt anbringelsesstederne
    .network_excluded = { $count ->
        [one] Netværksfamilien er udelukket: { $why }
       *[other] Alle { $count } netværksfamilier er udelukket, fx: { $why }
    }
    .severe_needs_uncovered = Ingen familiebaseret mulighed dækker de svære behov: { $needs }
    .excluded_count = { $count } af { $total } familiebaserede steder udelukket, fx: { $example }
