# Kith: the words of e-mails, in Danish. No e-mail holds a name or case details.

mail =
    .footer = Denne e-mail indeholder ingen navne eller sagsoplysninger. Du får den, fordi du har opgaver i Kith.
    .no_details = Denne e-mail indeholder ingen navne eller sagsoplysninger.
    .digest_subject = Kith: dine opgaver { $date }
    .digest_greeting = Godmorgen
    .digest_intro = Dine opfølgningsopgaver i Kith pr. { $date }:
    .overdue = Overskredet
    .due_within = Forfalder inden for { $days ->
        [one] én dag
       *[other] { $days } dage
    }
    .open_week = Åbn din uge
    .agreements = Aftaler, du har
    .network_steps = Næste skridt i netværkssøgninger, du har registreret
    .covering = Opgaver for en kollega, du er stedfortræder for
    .escalation_subject = Kith: lovpligtige opgaver er over fristen
    .escalation_greeting = Til teamlederen
    .escalation_intro = Lovpligtige opgaver i dit team er mere end { $days ->
        [one] én dag
       *[other] { $days } dage
    } over fristen pr. { $date }:
    .once = Du får kun denne besked én gang pr. opgave.
    .open_escalated = Se opgaverne
    .first_visit_subject = Kith: første besøg i ny anbringelse { $code }
    .first_visit = En ny anbringelse ({ $code }) skal have sit første besøg: { $kind }, senest { $closes } (planlagt { $planned }).
    .open_visit = Åbn besøget
    .open_proposal = Åbn indstillingen
    .proposal_submitted_subject = Kith: indstilling #{ $id } venter på din beslutning
    .proposal_submitted = En indstilling til anbringelse venter på din beslutning.
    .proposal_approved_subject = Kith: indstilling #{ $id } er godkendt
    .proposal_approved = Din indstilling til anbringelse er godkendt; anbringelsen og dens årshjul er oprettet.
    .proposal_rejected_subject = Kith: indstilling #{ $id } er afvist
    .proposal_rejected = Din indstilling til anbringelse er afvist. Begrundelsen står i Kith.
    .proposal_withdrawn_subject = Kith: indstilling #{ $id } er trukket tilbage
    .proposal_withdrawn = En indstilling til anbringelse, der ventede på din beslutning, er trukket tilbage.
    .reset_subject = Kith: vælg en ny adgangskode
    .reset_message = En administrator har sendt dig et link, så du kan vælge en ny adgangskode til Kith. Linket virker én gang og i { $hours } timer.
    .reset_link = Vælg en ny adgangskode
    .reset_ignore = Har du ikke bedt om det, så ignorer denne e-mail; din adgangskode er uændret.
    .cpr_subject = Kith: et CPR-nummer fra en anden sag blev indtastet
    .cpr_message = En medarbejder i din enhed forsøgte at registrere et barn med et CPR-nummer, som står i en sag, medarbejderen ikke har adgang til. Registreringen blev afvist. Se i revisionsloggen, hvad der skete, og tal med medarbejderen.
    .cpr_link = Åbn revisionsloggen

calendar =
    .name = Kith: besøg og opfølgning
    .stand_in = som stedfortræder
    .open = Åbn i Kith:
