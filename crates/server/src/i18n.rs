//! Danish and English texts of the pages. Danish is the default.
//!
//! One table, one line per key. A test reads every template and page module and checks that
//! each key used exists, so a missing translation fails the build's tests, not a user.

use std::collections::HashMap;
use std::sync::OnceLock;

use kith_domain::Lang;

/// (key, Danish, English)
const TEXTS: &[(&str, &str, &str)] = &[
    // navigation and frame
    ("nav.skip", "Spring til indhold", "Skip to content"),
    ("nav.label", "Hovedmenu", "Main menu"),
    ("nav.children", "Børn", "Children"),
    ("nav.options", "Anbringelsessteder", "Placement options"),
    ("nav.users", "Brugere", "Users"),
    ("nav.needs", "Behovskatalog", "Needs vocabulary"),
    ("nav.logout", "Log ud", "Log out"),
    ("nav.other_language", "English", "Dansk"),
    (
        "footer.text",
        "Kith · matchning og opfølgning for børne- og ungeområdet",
        "Kith · placement matching and follow-up for children's services",
    ),
    // login
    ("login.title", "Log ind", "Log in"),
    (
        "login.intro",
        "Log ind med din arbejdsmail.",
        "Log in with your work e-mail.",
    ),
    ("login.email", "E-mail", "E-mail"),
    ("login.password", "Adgangskode", "Password"),
    ("login.submit", "Log ind", "Log in"),
    (
        "login.failed",
        "E-mail eller adgangskode er forkert.",
        "The e-mail or password is wrong.",
    ),
    (
        "login.locked",
        "For mange forkerte forsøg. Kontoen er låst; prøv igen om",
        "Too many failed attempts. The account is locked; try again in",
    ),
    ("login.minutes", "minutter.", "minutes."),
    // errors
    ("error.status", "Fejlkode", "Status"),
    ("error.home", "Til forsiden", "Go to the start page"),
    (
        "error.forbidden",
        "Du har ikke adgang",
        "You do not have access",
    ),
    ("error.not_found", "Siden findes ikke", "Page not found"),
    ("error.invalid", "Ugyldige oplysninger", "Invalid input"),
    ("error.conflict", "Konflikt", "Conflict"),
    ("error.too_many", "For mange forsøg", "Too many attempts"),
    ("error.too_large", "For stor", "Too large"),
    // passwords, sessions, tokens
    ("password.change", "Skift adgangskode", "Change password"),
    (
        "password.current",
        "Nuværende adgangskode",
        "Current password",
    ),
    ("password.new", "Ny adgangskode", "New password"),
    (
        "password.repeat",
        "Gentag den nye adgangskode",
        "Repeat the new password",
    ),
    ("password.save", "Skift adgangskode", "Change password"),
    (
        "password.set",
        "Gem den nye adgangskode",
        "Save the new password",
    ),
    (
        "password.rules",
        "Mindst 12 tegn. Brug gerne nogle ord, der ikke hører sammen; ikke dit navn eller din e-mail.",
        "At least 12 characters. A few unrelated words work well; not your name or e-mail.",
    ),
    (
        "password.changed",
        "Din adgangskode er skiftet. Du er logget ud alle andre steder.",
        "Your password is changed. You are logged out everywhere else.",
    ),
    (
        "password.reset_done",
        "Din nye adgangskode er gemt. Log ind med den.",
        "Your new password is saved. Log in with it.",
    ),
    (
        "password.reset_title",
        "Vælg en ny adgangskode",
        "Choose a new password",
    ),
    (
        "password.mismatch",
        "De to adgangskoder er ikke ens.",
        "The two passwords differ.",
    ),
    (
        "password.link_gone",
        "Linket virker ikke længere: det er brugt, udløbet eller erstattet af et nyt. Bed en administrator om et nyt.",
        "The link no longer works: it was used, has expired or was replaced. Ask an administrator for a new one.",
    ),
    ("sessions.title", "Log ud alle steder", "Log out everywhere"),
    (
        "sessions.intro",
        "Har du glemt at logge ud på en anden computer, eller mistet en telefon, så log ud alle steder.",
        "Forgot to log out on another computer, or lost a phone? Log out everywhere.",
    ),
    (
        "sessions.end_mine",
        "Log mig ud alle steder",
        "Log me out everywhere",
    ),
    (
        "sessions.end_theirs",
        "Log brugeren ud alle steder",
        "Log the user out everywhere",
    ),
    ("users.access", "Adgang", "Access"),
    (
        "users.reset_intro",
        "Har brugeren glemt sin adgangskode, så send et link til en ny; det virker én gang i 24 timer.",
        "If the user forgot their password, send a link to choose a new one; it works once, for 24 hours.",
    ),
    (
        "users.send_reset",
        "Send link til ny adgangskode",
        "Send a password link",
    ),
    (
        "users.setup_link",
        "Brugeren får en e-mail med et link til selv at vælge sin adgangskode. Linket virker i 24 timer; du kan sende et nyt fra brugerens side.",
        "The user gets an e-mail with a link to choose their own password. It works for 24 hours; you can send a new one from the user's page.",
    ),
    ("tokens.title", "API-nøgler", "API tokens"),
    ("tokens.none", "Ingen API-nøgler.", "No API tokens."),
    ("tokens.name", "Navn", "Name"),
    ("tokens.prefix", "Begynder med", "Starts with"),
    ("tokens.created", "Oprettet", "Created"),
    ("tokens.last_used", "Sidst brugt", "Last used"),
    ("tokens.expires", "Udløber", "Expires"),
    ("tokens.revoke", "Tilbagekald", "Revoke"),
    ("tokens.revoked", "Tilbagekaldt", "Revoked"),
    // the audit trail
    ("nav.audit", "Revisionslog", "Audit log"),
    ("audit.title", "Revisionslog", "Audit log"),
    (
        "audit.intro",
        "Hvem læste eller ændrede hvilket barns oplysninger, og hver ændring af brugere, roller, regler og adgang. At læse loggen bliver selv logget.",
        "Who read or changed which child's data, and every change of users, roles, rules and access. Reading the log is itself logged.",
    ),
    ("audit.actor", "Medarbejder (nr.)", "Staff member (no.)"),
    ("audit.child", "Barn (nr.)", "Child (no.)"),
    ("audit.from", "Fra", "From"),
    ("audit.to", "Til", "To"),
    ("audit.action", "Handling", "Action"),
    ("audit.all", "Alle", "All"),
    ("audit.show", "Vis", "Show"),
    ("audit.export", "Hent som fil", "Download"),
    ("audit.when", "Tidspunkt", "When"),
    ("audit.who", "Hvem", "Who"),
    ("audit.what", "Hvad", "What"),
    ("audit.detail", "Detaljer", "Details"),
    ("audit.system", "Systemet", "The system"),
    (
        "audit.none",
        "Ingen hændelser i perioden.",
        "Nothing in the period.",
    ),
    ("audit.more", "Ældre hændelser", "Older entries"),
    (
        "error.unavailable",
        "Kith kan ikke nå databasen lige nu. Intet er ændret; prøv igen om lidt.",
        "Kith cannot reach its database right now. Nothing was changed; try again shortly.",
    ),
    (
        "error.internal",
        "Der skete en fejl",
        "Something went wrong",
    ),
    // forms and filters
    (
        "form.problems",
        "Ret venligst følgende",
        "Please correct the following",
    ),
    ("form.save", "Gem", "Save"),
    ("form.cancel", "Annullér", "Cancel"),
    ("form.back", "Tilbage", "Back"),
    ("form.add", "Tilføj", "Add"),
    ("form.remove", "Fjern", "Remove"),
    ("form.actions", "Handlinger", "Actions"),
    ("filter.all", "Alle", "All"),
    ("filter.yes", "Ja", "Yes"),
    ("filter.no", "Nej", "No"),
    ("filter.apply", "Filtrér", "Filter"),
    ("pager.next", "Næste side", "Next page"),
    // levels
    ("level.none", "Intet behov", "No need"),
    ("level.light", "Let", "Light"),
    ("level.moderate", "Moderat", "Moderate"),
    ("level.severe", "Svær", "Severe"),
    // children
    ("children.title", "Børn", "Children"),
    ("children.new", "Opret barn", "Register a child"),
    (
        "children.none",
        "Ingen børn at vise.",
        "No children to show.",
    ),
    ("child.new", "Opret barn", "Register a child"),
    ("child.edit", "Redigér sag", "Edit case"),
    (
        "child.edit_profile",
        "Redigér behovsprofil",
        "Edit needs profile",
    ),
    ("child.facts", "Grundoplysninger", "Basic facts"),
    ("child.name", "Navn", "Name"),
    ("child.age", "Alder", "Age"),
    ("child.years", "år", "years"),
    ("child.birth_date", "Fødselsdato", "Birth date"),
    ("child.cpr", "CPR-nummer", "CPR number"),
    (
        "child.cpr_hint",
        "Valgfrit. Vises maskeret; kun sagens rådgiver kan se hele nummeret.",
        "Optional. Shown masked; only the case adviser can see the full number.",
    ),
    (
        "child.cpr_keep_hint",
        "Lad feltet stå tomt for at beholde det gemte nummer.",
        "Leave empty to keep the stored number.",
    ),
    (
        "child.cpr_reveal",
        "Vis hele nummeret",
        "Show the full number",
    ),
    (
        "child.cpr_revealed",
        "(visningen er logget)",
        "(this view is logged)",
    ),
    ("child.case_adviser", "Rådgiver", "Case adviser"),
    ("child.target_area", "Målgruppe", "Target area"),
    (
        "child.support_level",
        "Samlet støttebehov",
        "Overall support level",
    ),
    (
        "child.placement_request",
        "Anmodning om anbringelse",
        "Placement request",
    ),
    (
        "child.placement_requested",
        "Anbringelse anmodet",
        "Placement requested",
    ),
    (
        "child.placement_requested_hint",
        "Datoen matchenheden blev bedt om et anbringelsessted. Tom: ingen anmodning.",
        "The date the match unit was asked for a placement. Empty: no request.",
    ),
    ("child.languages", "Sprog", "Languages"),
    (
        "child.languages_hint",
        "Sprogkoder adskilt af komma, fx da, ar",
        "Language codes separated by commas, e.g. da, ar",
    ),
    (
        "child.wheelchair",
        "Har brug for kørestolsadgang",
        "Needs wheelchair access",
    ),
    ("child.needs", "Behov", "Needs"),
    (
        "child.no_needs",
        "Ingen behov registreret.",
        "No needs recorded.",
    ),
    ("child.profile", "Behovsprofil", "Needs profile"),
    ("child.voice", "Barnets perspektiv", "The child's view"),
    (
        "child.own_wishes",
        "Barnets egne ønsker",
        "The child's own wishes",
    ),
    (
        "child.culture_religion_wishes",
        "Ønsker om kultur og religion",
        "Culture and religion wishes",
    ),
    ("child.places", "Skole og forældre", "School and parents"),
    ("child.school", "Skole", "School"),
    ("child.parents_home", "Forældrenes bopæl", "Parents' home"),
    ("child.siblings", "Søskende", "Siblings"),
    ("child.siblings_short", "søskende", "siblings"),
    (
        "child.in_sibling_group",
        "Del af en søskendegruppe",
        "Part of a sibling group",
    ),
    (
        "child.no_siblings",
        "Ingen søskende registreret.",
        "No siblings recorded.",
    ),
    (
        "child.sibling_id",
        "Søskendes sagsnummer",
        "Sibling's case number",
    ),
    ("child.link_sibling", "Tilknyt søskende", "Link sibling"),
    (
        "child.unlink_sibling",
        "Tag ud af søskendegruppen",
        "Take out of the sibling group",
    ),
    ("child.network", "Netværk", "Network"),
    (
        "child.no_network",
        "Intet netværk registreret.",
        "No network recorded.",
    ),
    (
        "child.unsuitable",
        "Uegnede anbringelsessteder",
        "Unsuitable placement options",
    ),
    (
        "child.no_unsuitable",
        "Ingen registreret.",
        "None recorded.",
    ),
    ("child.placements", "Anbringelser", "Placements"),
    (
        "child.no_placements",
        "Ingen anbringelser.",
        "No placements.",
    ),
    ("place.lat", "Breddegrad", "Latitude"),
    ("place.lon", "Længdegrad", "Longitude"),
    (
        "place.no_coordinates",
        "ingen koordinater",
        "no coordinates",
    ),
    // network
    (
        "network.add",
        "Tilføj person i netværket",
        "Add a person to the network",
    ),
    ("network.name", "Navn", "Name"),
    ("network.relation", "Relation", "Relation"),
    ("network.address", "Adresse", "Address"),
    (
        "network.approval",
        "Godkendelse som netværksplejefamilie",
        "Approval as network family",
    ),
    ("network.none", "Ikke påbegyndt", "Not started"),
    ("network.in_assessment", "Under vurdering", "In assessment"),
    ("network.approved", "Godkendt", "Approved"),
    ("network.refused", "Afvist", "Refused"),
    (
        "unsuitable.add",
        "Registrér uegnet anbringelsessted",
        "Record an unsuitable option",
    ),
    (
        "unsuitable.option_id",
        "Anbringelsesstedets nummer",
        "Option number",
    ),
    ("unsuitable.reason", "Begrundelse", "Reason"),
    // placements
    ("placement.option", "Anbringelsessted", "Placement option"),
    ("placement.start", "Start", "Start"),
    ("placement.planned_end", "Planlagt slut", "Planned end"),
    ("placement.status", "Status", "Status"),
    ("placement.consultant", "Konsulent", "Consultant"),
    ("placement_status.planned", "Planlagt", "Planned"),
    ("placement_status.active", "Aktiv", "Active"),
    ("placement_status.ended", "Afsluttet", "Ended"),
    // options
    ("options.title", "Anbringelsessteder", "Placement options"),
    (
        "options.new",
        "Opret anbringelsessted",
        "Register an option",
    ),
    (
        "options.none",
        "Ingen anbringelsessteder at vise.",
        "No placement options to show.",
    ),
    (
        "option.new",
        "Opret anbringelsessted",
        "Register a placement option",
    ),
    ("option.edit", "Redigér", "Edit"),
    ("option.facts", "Oplysninger", "Facts"),
    ("option.name", "Navn", "Name"),
    ("option.kind", "Type", "Kind"),
    (
        "option.institution_form",
        "Institutionsform",
        "Institution form",
    ),
    ("option.address", "Adresse", "Address"),
    ("option.free_places", "Ledige pladser", "Free places"),
    ("option.free_of", "ledige af", "free of"),
    (
        "option.min_free",
        "Mindst ledige pladser",
        "At least free places",
    ),
    ("option.places_taken", "Optagne pladser", "Places taken"),
    (
        "option.approved_places",
        "Godkendte pladser",
        "Approved places",
    ),
    ("option.capacity", "Kapacitet", "Capacity"),
    (
        "option.capacity_confirmed",
        "Kapacitet bekræftet",
        "Capacity confirmed",
    ),
    (
        "option.confirm_capacity",
        "Bekræft ledige pladser nu",
        "Confirm free places now",
    ),
    ("option.ages", "Alder", "Ages"),
    ("option.age_min", "Fra", "From"),
    ("option.age_max", "Til", "To"),
    ("option.target_areas", "Målgrupper", "Target areas"),
    ("option.approval", "Godkendelse", "Approval"),
    (
        "option.consultant",
        "Ansvarlig konsulent",
        "Responsible consultant",
    ),
    ("option.languages", "Sprog i hjemmet", "Languages spoken"),
    (
        "option.culture_religion",
        "Kultur og religion",
        "Culture and religion",
    ),
    ("option.wheelchair", "Kørestolsadgang", "Wheelchair access"),
    ("option.day_rate", "Døgntakst (kr.)", "Day rate (DKK)"),
    ("option.home", "Hjemmet", "The home"),
    ("option.competences", "Kompetencer", "Competences"),
    (
        "option.no_competences",
        "Ingen kompetencer registreret.",
        "No competences recorded.",
    ),
    ("option.up_to", "op til", "up to"),
    (
        "option.network_child",
        "Godkendt til barn (sagsnummer)",
        "Approved for child (case number)",
    ),
    (
        "option.network_child_hint",
        "Kun netværksplejefamilier: det ene barn godkendelsen gælder.",
        "Network families only: the one child the approval is for.",
    ),
    ("approval.status_label", "Status", "Status"),
    ("approval.authority_label", "Godkendt af", "Approved by"),
    ("approval.approved_on", "Godkendt den", "Approved on"),
    ("approval.valid_until", "Gyldig til", "Valid until"),
    ("approval.active", "Aktiv", "Active"),
    ("approval.suspended", "Suspenderet", "Suspended"),
    ("approval.expired", "Udløbet", "Expired"),
    (
        "authority.social_supervision",
        "Socialtilsynet",
        "Social supervision authority",
    ),
    ("authority.municipality", "Kommunen", "The municipality"),
    ("authority.other", "Andet", "Other"),
    // matching and proposals
    ("nav.proposals", "Indstillinger", "Proposals"),
    ("nav.rules", "Regler", "Rules"),
    (
        "child.find_options",
        "Find anbringelsessted",
        "Find placement options",
    ),
    (
        "child.known_options",
        "Steder barnet kender",
        "Options the child knows",
    ),
    (
        "child.no_known_options",
        "Ingen registreret.",
        "None recorded.",
    ),
    (
        "known.add",
        "Registrér et sted barnet kender (fx aflastning)",
        "Record an option the child knows (e.g. respite care)",
    ),
    (
        "known.how",
        "Hvordan barnet kender stedet",
        "How the child knows it",
    ),
    ("approval.pending", "Under vurdering", "In assessment"),
    ("match.title", "Matchning", "Matching"),
    (
        "match.back_to_case",
        "Tilbage til sagen",
        "Back to the case",
    ),
    ("match.start", "Startdato", "Start date"),
    ("match.siblings", "Søskende", "Siblings"),
    ("match.together", "Samlet", "Together"),
    ("match.separately", "Hver for sig", "Separately"),
    ("match.update", "Opdatér", "Update"),
    ("match.sibling_group", "søskendegruppe", "sibling group"),
    ("match.split", "adskilt fra søskende", "apart from siblings"),
    ("match.score", "Score", "Score"),
    (
        "match.contributions",
        "Hvad scoren består af",
        "What the score is made of",
    ),
    ("match.free", "ledige", "free"),
    ("match.open_option", "Se stedet", "Open the option"),
    (
        "match.none_fit",
        "Intet anbringelsessted opfylder alle krav.",
        "No placement option meets every requirement.",
    ),
    (
        "match.excluded",
        "Udelukkede steder og hvorfor",
        "Excluded options and why",
    ),
    ("match.of", "af", "of"),
    ("match.show_all", "Vis alle", "Show all"),
    ("exclusion.not_approved", "Ikke godkendt", "Not approved"),
    (
        "exclusion.approval_suspended",
        "Godkendelse suspenderet",
        "Approval suspended",
    ),
    (
        "exclusion.approval_expired",
        "Godkendelse udløbet",
        "Approval expired",
    ),
    (
        "exclusion.no_free_place",
        "Ingen ledig plads",
        "No free place",
    ),
    ("exclusion.age_outside_range", "Alder", "Age"),
    ("exclusion.target_area", "Målgruppe", "Target area"),
    (
        "exclusion.support_level",
        "Støttebehov for højt",
        "Support level too high",
    ),
    (
        "exclusion.severe_need_uncovered",
        "Svært behov ikke dækket",
        "Severe need not covered",
    ),
    (
        "exclusion.no_wheelchair_access",
        "Kørestolsadgang",
        "Wheelchair access",
    ),
    (
        "exclusion.network_for_another_child",
        "Netværksfamilie for andet barn",
        "Network family for another child",
    ),
    (
        "exclusion.unsuitable",
        "Registreret uegnet",
        "Recorded unsuitable",
    ),
    ("group.network", "Netværk", "Network"),
    ("group.family_based", "Familiepleje", "Family-based"),
    ("group.institutional", "Institutioner", "Institutional"),
    ("group.other", "Andet", "Other"),
    ("criterion.needs", "Behov dækket", "Needs covered"),
    ("criterion.known_adults", "Kendte voksne", "Known adults"),
    ("criterion.school", "Samme skole", "Keeps the school"),
    (
        "criterion.near_network",
        "Nær forældre og netværk",
        "Near parents and network",
    ),
    ("criterion.siblings", "Søskende sammen", "Siblings together"),
    ("criterion.language", "Sprog", "Language"),
    (
        "criterion.culture",
        "Kultur og religion",
        "Culture and religion",
    ),
    ("criterion.tier_fit", "Passende specialisering", "Tier fit"),
    ("criterion.track_record", "Tidligere forløb", "Track record"),
    ("criterion.cost", "Pris", "Cost"),
    ("proposals.title", "Indstillinger", "Proposals"),
    (
        "proposals.none",
        "Ingen indstillinger at vise.",
        "No proposals to show.",
    ),
    ("proposal.title", "Indstilling", "Proposal"),
    (
        "proposal.new",
        "Indstil det valgte sted",
        "Propose the chosen option",
    ),
    ("proposal.rationale", "Begrundelse", "Rationale"),
    (
        "proposal.rationale_hint",
        "Kort og klart, så familien kan læse den.",
        "Short and clear, so the family can read it.",
    ),
    (
        "proposal.keep_draft",
        "Gem som kladde (send ikke til leder endnu)",
        "Keep as a draft (do not send to a leader yet)",
    ),
    ("proposal.submit", "Send til leder", "Send to a leader"),
    ("proposal.status", "Status", "Status"),
    ("proposal.children", "Barn", "Child"),
    ("proposal.option", "Anbringelsessted", "Placement option"),
    ("proposal.proposer", "Indstillet af", "Proposed by"),
    ("proposal.submitted", "Sendt", "Submitted"),
    ("proposal.decided_by", "Afgjort af", "Decided by"),
    (
        "proposal.reason",
        "Begrundelse for afgørelsen",
        "Reason for the decision",
    ),
    ("proposal.facts", "Indstillingen", "The proposal"),
    ("proposal.chosen", "Det valgte sted", "The chosen option"),
    (
        "proposal.frozen",
        "Score og begrundelser som de var, da indstillingen blev lavet.",
        "Score and reasons as they were when the proposal was made.",
    ),
    ("proposal.decide", "Afgørelse", "Decision"),
    (
        "proposal.approve",
        "Godkend og book pladsen",
        "Approve and book the place",
    ),
    ("proposal.reject", "Afvis", "Reject"),
    (
        "proposal.reject_reason",
        "Begrundelse for afvisning",
        "Reason for rejecting",
    ),
    ("proposal.withdraw", "Træk tilbage", "Withdraw"),
    (
        "proposal.alternatives",
        "Alternativer der blev overvejet",
        "Alternatives considered",
    ),
    (
        "proposal.no_alternatives",
        "Ingen andre steder opfyldte kravene.",
        "No other option met the requirements.",
    ),
    ("proposal_status.draft", "Kladde", "Draft"),
    (
        "proposal_status.submitted",
        "Afventer afgørelse",
        "Awaiting decision",
    ),
    ("proposal_status.approved", "Godkendt", "Approved"),
    ("proposal_status.rejected", "Afvist", "Rejected"),
    ("proposal_status.withdrawn", "Trukket tilbage", "Withdrawn"),
    ("placement.exit_goal", "Exitmål", "Exit goal"),
    ("exit_goal.home", "Hjem", "Home"),
    (
        "exit_goal.network_family",
        "Netværksfamilie",
        "Network family",
    ),
    ("exit_goal.foster_family", "Plejefamilie", "Foster family"),
    ("exit_goal.own_home", "Egen bolig", "Own home"),
    ("rules.title", "Regler for matchning", "Matching rules"),
    (
        "rules.intro",
        "Vægtene bestemmer hvor meget hvert kriterium tæller. Reglerne gælder straks for nye matchninger.",
        "The weights decide how much each criterion counts. The rules apply at once to new matchings.",
    ),
    ("rules.weights", "Vægte", "Weights"),
    (
        "rules.weights_hint",
        "Hele tal fra 0. Scoren er hvert kriteriums andel af summen.",
        "Whole numbers from 0. The score is each criterion's share of the total.",
    ),
    ("rules.numbers", "Grænser", "Limits"),
    (
        "rules.institution_default_months",
        "Planlagt længde af institutionsophold (måneder)",
        "Planned length of an institutional stay (months)",
    ),
    (
        "rules.school_full_km",
        "Fuld score for skole inden for (km)",
        "Full marks for the school within (km)",
    ),
    (
        "rules.school_zero_km",
        "Ingen score for skole ud over (km)",
        "No marks for the school beyond (km)",
    ),
    (
        "rules.network_full_km",
        "Fuld score for nærhed inden for (km)",
        "Full marks for nearness within (km)",
    ),
    (
        "rules.network_zero_km",
        "Ingen score for nærhed ud over (km)",
        "No marks for nearness beyond (km)",
    ),
    (
        "rules.day_rate_low_dkk",
        "Fuld score for pris til og med (kr./døgn)",
        "Full marks for cost up to (DKK/day)",
    ),
    (
        "rules.day_rate_high_dkk",
        "Ingen score for pris fra (kr./døgn)",
        "No marks for cost from (DKK/day)",
    ),
    (
        "rules.capacity_stale_days",
        "Ledige pladser er forældede efter (dage)",
        "Free places are stale after (days)",
    ),
    // administration
    ("users.title", "Brugere", "Users"),
    ("users.new", "Opret bruger", "Add a user"),
    ("users.name", "Navn", "Name"),
    ("users.email", "E-mail", "E-mail"),
    ("users.roles", "Roller", "Roles"),
    ("users.units", "Enheder", "Units"),
    ("users.language", "Sprog", "Language"),
    ("users.active", "Aktiv", "Active"),
    ("needs.title", "Behovskatalog", "Needs vocabulary"),
    (
        "needs.intro",
        "Det fælles katalog beskriver både børns behov og anbringelsesstedernes kompetencer.",
        "The shared vocabulary describes both children's needs and what placement options can handle.",
    ),
    ("needs.code", "Kode", "Code"),
    ("needs.label_da", "Navn (dansk)", "Name (Danish)"),
    ("needs.label_en", "Navn (engelsk)", "Name (English)"),
    (
        "needs.description_da",
        "Beskrivelse (dansk)",
        "Description (Danish)",
    ),
    (
        "needs.description_en",
        "Beskrivelse (engelsk)",
        "Description (English)",
    ),
    ("needs.sort_order", "Rækkefølge", "Order"),
    ("needs.active", "I brug", "In use"),
    ("needs.retired", "udgået", "retired"),
    ("needs.new", "Nyt behov", "New need"), // the annual wheel
    ("nav.week", "Min uge", "My week"),
    ("nav.team", "Teamets år", "Team's year"),
    ("nav.me", "Mig", "Me"),
    ("week.title", "Ugen", "The week"),
    ("week.mine", "Min uge", "My week"),
    ("week.of", "Ugen for", "The week of"),
    ("week.previous", "← Forrige uge", "← Previous week"),
    ("week.this", "Denne uge", "This week"),
    ("week.next", "Næste uge →", "Next week →"),
    ("week.of_capacity", "af", "of"),
    (
        "week.visits_this_week",
        "besøg i denne uge",
        "visits this week",
    ),
    ("week.overdue", "Overskredet", "Overdue"),
    ("week.due", "Skal gøres nu", "Due now"),
    ("week.upcoming", "De næste fire uger", "The next four weeks"),
    (
        "week.none_overdue",
        "Intet er overskredet.",
        "Nothing is overdue.",
    ),
    (
        "week.none_due",
        "Intet skal gøres i denne uge.",
        "Nothing is due this week.",
    ),
    (
        "week.none_upcoming",
        "Intet planlagt de næste fire uger.",
        "Nothing planned in the next four weeks.",
    ),
    (
        "overdue.not_recorded",
        "Planlagt {date}, men ikke registreret som afholdt.",
        "Planned for {date} but not recorded as held.",
    ),
    (
        "overdue.moved",
        "Flyttet til {date}, uden for vinduet.",
        "Moved to {date}, outside its window.",
    ),
    (
        "overdue.catch_up",
        "Indhentning: fristen var allerede overskredet, da den blev planlagt ({date}).",
        "Catch-up: already past its window when it was planned ({date}).",
    ),
    (
        "overdue.over_capacity",
        "Ugerne i vinduet var fulde; planlagt {date}.",
        "Every week of its window was full; planned for {date}.",
    ),
    (
        "overdue.no_working_day",
        "Ingen arbejdsdag i vinduet; planlagt {date}.",
        "No working day in its window; planned for {date}.",
    ),
    ("visit_status.planned", "Planlagt", "Planned"),
    ("visit_status.held", "Afholdt", "Held"),
    ("visit_status.cancelled", "Aflyst", "Cancelled"),
    ("plan_flag.over_capacity", "Over kapacitet", "Over capacity"),
    (
        "plan_flag.no_working_day",
        "Ingen arbejdsdag",
        "No working day",
    ),
    (
        "plan_flag.outside_window",
        "Uden for vinduet",
        "Outside its window",
    ),
    (
        "cancel_reason.placement_ended",
        "Anbringelsen er afsluttet",
        "The placement ended",
    ),
    (
        "cancel_reason.no_longer_needed",
        "Ikke længere nødvendigt",
        "No longer needed",
    ),
    (
        "cancel_reason.by_user",
        "Aflyst af en medarbejder",
        "Cancelled by a member of staff",
    ),
    ("visit.facts", "Om besøget", "About the visit"),
    ("visit.placement", "Anbringelse", "Placement"),
    ("visit.planned_on", "Planlagt", "Planned for"),
    ("visit.window", "Vindue", "Window"),
    ("visit.due_on", "frist", "due"),
    ("visit.assignee", "Ansvarlig", "Held by"),
    ("visit.state", "Status", "State"),
    ("visit.days", "dage", "days"),
    (
        "visit.flag",
        "Bemærkning fra planlægningen",
        "Planning note",
    ),
    ("visit.moved_reason", "Flyttet fordi", "Moved because"),
    (
        "visit.cancel_reason",
        "Årsag til aflysning",
        "Reason for cancelling",
    ),
    ("visit.pinned", "Fastlagt", "Fixed"),
    (
        "visit.seen_alone_required",
        "barnet skal ses alene",
        "the child is to be seen alone",
    ),
    ("visit.open_record", "Åbn og registrér", "Open and record"),
    ("visit.open", "Åbn", "Open"),
    ("visit.record", "Referat", "Record"),
    ("visit.record_it", "Registrér besøget", "Record the visit"),
    ("visit.held_on", "Afholdt den", "Held on"),
    (
        "visit.child_seen_alone",
        "Blev barnet set alene?",
        "Was the child seen alone?",
    ),
    (
        "visit.not_seen_alone_reason",
        "Hvorfor ikke alene",
        "Why not alone",
    ),
    (
        "visit.child_view",
        "Barnets egne ord",
        "The child's own view",
    ),
    ("visit.observations", "Iagttagelser", "Observations"),
    (
        "visit.open_follow_ups",
        "Aftaler fra tidligere besøg",
        "Follow-ups from earlier visits",
    ),
    (
        "visit.open_follow_ups_hint",
        "Markér dem, der er gjort.",
        "Tick those that are done.",
    ),
    ("visit.new_follow_ups", "Nye aftaler", "New follow-ups"),
    ("visit.fu_what", "Hvad", "What"),
    ("visit.fu_owner", "Hvem", "Who"),
    ("visit.fu_due", "Senest", "By"),
    ("visit.follow_ups_made", "Aftaler", "Follow-ups"),
    ("visit.done_on", "gjort", "done"),
    ("visit.save_record", "Gem referat", "Save the record"),
    ("visit.move", "Flyt besøget", "Move the visit"),
    ("visit.move_to", "Ny dato", "New date"),
    ("visit.move_reason", "Hvorfor", "Why"),
    ("visit.cancel", "Aflys", "Cancel the visit"),
    (
        "visit.cancel_hint",
        "Et lovpligtigt besøg bliver planlagt igen, så tallet for året holder.",
        "A statutory visit is planned again so the year's number still holds.",
    ),
    ("year.title", "Årshjul", "Year wheel"),
    ("year.facts", "Anbringelsen", "The placement"),
    ("year.start", "Periode", "Period"),
    ("year.consultant", "Konsulent", "Consultant"),
    ("year.adviser", "Rådgiver", "Case adviser"),
    (
        "year.rhythm",
        "Rytme for opfølgning på handleplan",
        "Plan review rhythm",
    ),
    ("year.months", "måneder", "months"),
    (
        "year.rules_rhythm",
        "Standard fra reglerne",
        "The rules' default",
    ),
    (
        "year.rhythm_hint",
        "Tom: reglernes standard.",
        "Blank: the rules' default.",
    ),
    (
        "year.change",
        "Skift konsulent eller rytme",
        "Change the consultant or the rhythm",
    ),
    ("year.save", "Gem og planlæg igen", "Save and re-plan"),
    (
        "year.wheel",
        "De næste tolv måneder",
        "The next twelve months",
    ),
    (
        "year.recorded",
        "Besøget er registreret, og det næste er planlagt.",
        "The visit is recorded and the next one planned.",
    ),
    ("team.title", "Teamets år", "The team's year"),
    (
        "team.intro",
        "Besøg pr. konsulent pr. måned (planlagte og afholdte) mod den plads, de har. Røde søjler er over.",
        "Visits per consultant per month (planned and held) against their room. Red bars are over.",
    ),
    (
        "team.none",
        "Ingen konsulenter i dine enheder.",
        "No consultants in your units.",
    ),
    ("team.capacity", "Plads:", "Room:"),
    ("team.per_week", "besøg om ugen", "visits a week"),
    ("team.months_over", "måneder over", "months over"),
    (
        "team.table_caption",
        "Besøg og plads pr. måned for",
        "Visits and room per month for",
    ),
    ("team.month", "Måned", "Month"),
    ("team.visits", "Besøg", "Visits"),
    ("team.room", "Plads", "Room"),
    ("me.title", "Mine indstillinger", "My settings"),
    ("me.room", "Plads til besøg", "Room for visits"),
    (
        "me.room_intro",
        "Planlægningen bruger nu højst dette antal besøg om ugen:",
        "The planner now uses at most this many visits a week:",
    ),
    (
        "me.weekly_visits",
        "Højst besøg om ugen",
        "Most visits a week",
    ),
    (
        "me.weekly_visits_hint",
        "Tom: reglernes standard.",
        "Blank: the rules' default.",
    ),
    ("me.days_off", "Fridage", "Days off"),
    (
        "me.days_off_hint",
        "Én dato pr. linje (ÅÅÅÅ-MM-DD).",
        "One date per line (YYYY-MM-DD).",
    ),
    ("me.save", "Gem og planlæg igen", "Save and re-plan"),
    ("me.calendar", "Kalender", "Calendar"),
    (
        "me.calendar_intro",
        "Abonnér på dine besøg i din kalender. Adressen er hemmelig; den viser ingen navne.",
        "Subscribe to your visits in your calendar. The address is secret; it shows no names.",
    ),
    (
        "me.calendar_new",
        "Din nye adresse. Den vises kun nu; den gamle virker ikke længere.",
        "Your new address. It is shown only now; the old one no longer works.",
    ),
    ("me.calendar_address", "Kalenderadresse", "Calendar address"),
    (
        "me.calendar_rotate",
        "Lav en ny adresse",
        "Make a new address",
    ),
    (
        "me.calendar_revoke",
        "Stop kalenderen",
        "Turn the calendar off",
    ),
    ("month.01", "Januar", "January"),
    ("month.02", "Februar", "February"),
    ("month.03", "Marts", "March"),
    ("month.04", "April", "April"),
    ("month.05", "Maj", "May"),
    ("month.06", "Juni", "June"),
    ("month.07", "Juli", "July"),
    ("month.08", "August", "August"),
    ("month.09", "September", "September"),
    ("month.10", "Oktober", "October"),
    ("month.11", "November", "November"),
    ("month.12", "December", "December"),
    // the child's plan, reviews, stays, ending
    ("common.yes", "Ja", "Yes"),
    ("common.no", "Nej", "No"),
    ("signal.title", "Kræver opmærksomhed", "Needs attention"),
    ("signal.since", "siden", "since"),
    (
        "signal.past_planned_end",
        "Over den planlagte slutdato",
        "Past the planned end",
    ),
    (
        "signal.ending_without_exit_plan",
        "Slutter snart uden udslusningsplan",
        "Ending soon without an exit plan",
    ),
    (
        "signal.no_progress",
        "Ingen fremdrift registreret i 60 dage",
        "No progress recorded for 60 days",
    ),
    (
        "signal.review_overdue",
        "Planopfølgning overskredet",
        "Plan review overdue",
    ),
    ("stay.title", "Kortvarigt ophold", "Short stay"),
    ("stay.planned_end", "Planlagt slut", "Planned end"),
    ("stay.exit_goal", "Udslusningsmål", "Exit goal"),
    ("stay.exit_plan", "Udslusningsplan", "Exit plan"),
    (
        "stay.no_exit_plan",
        "Ingen udslusningsplan endnu",
        "No exit plan yet",
    ),
    (
        "stay.exit_goal_reached",
        "Udslusningsmålet nået",
        "Exit goal reached",
    ),
    ("stay.extensions", "Forlængelser", "Extensions"),
    (
        "stay.edit_exit_plan",
        "Skriv udslusningsplan",
        "Write the exit plan",
    ),
    ("stay.extend", "Forlæng opholdet", "Extend the stay"),
    ("stay.new_end", "Ny planlagt slutdato", "New planned end"),
    ("stay.reason", "Begrundelse", "Reason"),
    ("goal.title", "Barnets plan: mål", "The child's plan: goals"),
    ("goal.none", "Ingen mål endnu.", "No goals yet."),
    ("goal.new", "Nyt mål", "New goal"),
    ("goal.add", "Tilføj mål", "Add goal"),
    ("goal.area", "Område", "Area"),
    ("goal.text", "Målet", "The goal"),
    (
        "goal.text_hint",
        "Skriv målet, så barnet og familien kan læse det.",
        "Write the goal so the child and the family can read it.",
    ),
    ("goal.measure", "Hvordan måles det", "How it is measured"),
    ("goal.measure_kind", "Måling", "Measure"),
    ("measure.scale", "Skala 0-10", "Scale 0-10"),
    ("measure.number", "Tal med enhed", "Number with a unit"),
    ("measure.yes_no", "Nået ja/nej", "Reached yes/no"),
    ("goal.scale_0_10", "skala 0-10:", "scale 0-10:"),
    ("goal.baseline", "Udgangspunkt", "Baseline"),
    ("goal.target", "Mål", "Target"),
    (
        "goal.unit",
        "Enhed (fx skoledage om ugen)",
        "Unit (e.g. school days a week)",
    ),
    ("goal.parties", "Hvem er ansvarlige", "Who is responsible"),
    ("goal.due", "Frist", "Due"),
    ("goal.status", "Status", "Status"),
    ("goal.progress", "Fremdrift", "Progress"),
    (
        "goal.chart_caption",
        "Fremdrift over tid; den tykke linje er målet.",
        "Progress over time; the thick line is the target.",
    ),
    ("goal.date", "Dato", "Date"),
    ("goal.value", "Værdi", "Value"),
    ("goal.way", "Af vejen", "Of the way"),
    ("goal.note", "Note", "Note"),
    ("goal.took_part", "Med var", "Took part"),
    ("goal.child", "barnet", "the child"),
    ("goal.parents", "forældrene", "the parents"),
    ("goal.reached", "Nået", "Reached"),
    ("goal.not_reached", "Ikke nået", "Not reached"),
    (
        "goal.record_progress",
        "Registrér fremdrift",
        "Record progress",
    ),
    (
        "goal.child_took_part",
        "Barnet var med",
        "The child took part",
    ),
    (
        "goal.parents_took_part",
        "Forældrene var med",
        "The parents took part",
    ),
    ("goal.save_progress", "Gem fremdrift", "Save progress"),
    ("goal.close", "Afslut målet", "Close the goal"),
    ("goal_status.active", "Aktivt", "Active"),
    ("goal_status.achieved", "Nået", "Achieved"),
    ("goal_status.not_achieved", "Ikke nået", "Not achieved"),
    ("goal_status.revised", "Revideret", "Revised"),
    ("goal_status.dropped", "Opgivet", "Dropped"),
    ("goal_outcome.keep", "Fortsætter", "Keep"),
    ("goal_outcome.adjust", "Justeres", "Adjust"),
    ("goal_outcome.achieved", "Nået", "Achieved"),
    ("goal_outcome.drop", "Opgives", "Drop"),
    (
        "review_decision.continue",
        "Planen fortsætter",
        "The plan continues",
    ),
    (
        "review_decision.adjust_goals",
        "Målene justeres",
        "Goals are adjusted",
    ),
    (
        "review_decision.change_measure",
        "Målingen ændres",
        "The measure changes",
    ),
    (
        "review_decision.end_placement",
        "Anbringelsen skal ophøre",
        "The placement is to end",
    ),
    (
        "review.title",
        "Planopfølgninger (§ 95)",
        "Plan reviews (§ 95)",
    ),
    (
        "review.none",
        "Ingen planopfølgninger endnu.",
        "No plan reviews yet.",
    ),
    (
        "review.record",
        "Registrér planopfølgning",
        "Record a plan review",
    ),
    ("review.held_on", "Holdt den", "Held on"),
    ("review.decision", "Beslutning", "Decision"),
    (
        "review.rhythm",
        "Næste opfølgning om (måneder)",
        "Next review in (months)",
    ),
    (
        "review.rhythm_hint",
        "Tomt: rytmen fortsætter uændret.",
        "Blank: the rhythm stays as it is.",
    ),
    (
        "review.child_view",
        "Barnets syn på planen",
        "The child's view of the plan",
    ),
    ("review.save", "Gem planopfølgning", "Save the review"),
    ("review.next_in", "næste om", "next in"),
    ("review.due", "frist", "due"),
    ("end.title", "Afslut anbringelsen", "End the placement"),
    ("end.open", "Afslut anbringelsen …", "End the placement …"),
    ("end.date", "Slutdato", "End date"),
    ("end.reason", "Årsag", "Reason"),
    (
        "end.breakdown",
        "Anbringelsen brød sammen",
        "The placement broke down",
    ),
    (
        "end.open_goals",
        "Åbne mål afsluttes som",
        "Open goals close as",
    ),
    ("end.submit", "Afslut anbringelsen", "End the placement"),
    ("end_reason.goal_reached", "Målet er nået", "Goal reached"),
    ("end_reason.home", "Hjem", "Home"),
    ("end_reason.moved_on", "Flyttet videre", "Moved on"),
    ("end_reason.breakdown", "Sammenbrud", "Breakdown"),
    ("end_reason.aged_out", "Overgang til voksen", "Aged out"),
    ("end_reason.other", "Andet", "Other"),
    // caseload and dashboard
    ("nav.caseload", "Sager", "Caseload"),
    ("nav.dashboard", "Overblik", "Dashboard"),
    ("caseload.title", "Mine anbringelser", "My placements"),
    (
        "caseload.intro",
        "Hver anbringelse med målenes fremdrift og det, der kræver opmærksomhed; det mest presserende først.",
        "Each placement with how its goals are moving and what needs attention; the most urgent first.",
    ),
    (
        "caseload.none",
        "Ingen igangværende anbringelser.",
        "No current placements.",
    ),
    ("caseload.child", "Barn", "Child"),
    ("caseload.placement", "Anbringelse", "Placement"),
    ("caseload.goals", "Mål", "Goals"),
    (
        "caseload.next_review",
        "Næste planopfølgning",
        "Next plan review",
    ),
    ("caseload.no_goals", "Ingen aktive mål", "No active goals"),
    ("caseload.of", "af", "of"),
    (
        "caseload.moving",
        "i bevægelse (90 dage)",
        "moving (90 days)",
    ),
    (
        "dash.title",
        "Overblik over fremdrift",
        "Momentum dashboard",
    ),
    ("dash.unit", "Enhed", "Unit"),
    ("dash.all_units", "Alle mine enheder", "All my units"),
    ("dash.from", "Fra", "From"),
    ("dash.to", "Til", "To"),
    ("dash.show", "Vis", "Show"),
    (
        "dash.download",
        "Hent som regneark",
        "Download as a spreadsheet",
    ),
    (
        "dash.definitions",
        "Hvert tal er defineret præcist i docs/METRICS.md. Tal i parentes: hvor mange det bygger på.",
        "Each figure is defined exactly in docs/METRICS.md. Numbers in brackets: how many it rests on.",
    ),
    (
        "dash.lead_times",
        "Sagsbehandlingstider (median)",
        "Lead times (median)",
    ),
    (
        "dash.request_to_proposal",
        "Anmodning → forslag",
        "Request → proposal",
    ),
    (
        "dash.proposal_to_decision",
        "Forslag → afgørelse",
        "Proposal → decision",
    ),
    (
        "dash.decision_to_start",
        "Afgørelse → start",
        "Decision → start",
    ),
    ("dash.days", "dage", "days"),
    ("dash.visits", "Tilsyn og besøg", "Visits"),
    (
        "dash.within_window",
        "Holdt inden for vinduet (12 mdr.)",
        "Held within their window (12 months)",
    ),
    (
        "dash.seen_alone",
        "Barnet talt med alene (tilsyn)",
        "Child seen alone (supervision)",
    ),
    (
        "dash.overdue_visits",
        "Overskredne besøg nu",
        "Overdue visits now",
    ),
    (
        "dash.overdue_reviews",
        "Overskredne planopfølgninger nu",
        "Overdue plan reviews now",
    ),
    ("dash.goals", "Mål", "Goals"),
    (
        "dash.goals_moving",
        "Mål med fremdrift (90 dage)",
        "Goals with progress (90 days)",
    ),
    (
        "dash.goals_achieved",
        "Nåede mål (af afsluttede)",
        "Goals achieved (of closed)",
    ),
    ("dash.stays", "Kortvarige ophold", "Short stays"),
    (
        "dash.past_end",
        "Over planlagt slut nu",
        "Past the planned end now",
    ),
    (
        "dash.stay_length",
        "Median varighed / planlagt",
        "Median length / planned",
    ),
    (
        "dash.exit_reached",
        "Udslusningsmål nået",
        "Exit goal reached",
    ),
    ("dash.continuity", "Kontinuitet", "Continuity"),
    (
        "dash.consultant_changes",
        "Konsulentskift pr. anbringelsesår",
        "Consultant changes per placement-year",
    ),
    (
        "dash.adviser_changes",
        "Rådgiverskift pr. anbringelsesår",
        "Adviser changes per placement-year",
    ),
    (
        "dash.breakdowns",
        "Sammenbrud pr. 100 anbringelsesår",
        "Breakdowns per 100 placement-years",
    ),
    ("dash.forms", "Anbringelsesformer", "Placement forms"),
    (
        "dash.forms_table",
        "Anbringelser efter form: nu og startet i perioden",
        "Placements by form: now and started in the period",
    ),
    (
        "dash.monthly",
        "Startede anbringelser pr. måned",
        "Placements started per month",
    ),
    ("dash.form", "Form", "Form"),
    ("dash.current", "Nu", "Now"),
    ("dash.started", "Startet", "Started"),
    ("dash.caseloads", "Sagsstammer", "Caseloads"),
    (
        "dash.caseload_caption",
        "Konsulenternes anbringelser; linjen er gennemsnittet.",
        "Consultants' placements; the line is the mean.",
    ),
    ("dash.consultants", "Konsulenter", "Consultants"),
    ("dash.advisers", "Rådgivere", "Case advisers"),
    ("dash.person", "Medarbejder", "Staff member"),
    ("dash.placements", "Anbringelser", "Placements"),
    ("form.network", "Netværkspleje", "Network care"),
    (
        "form.other_family_based",
        "Anden familiepleje",
        "Other family-based",
    ),
    ("form.institutional", "Institution", "Institutional"),
    (
        "form.other",
        "Andet (eget værelse, kostskole)",
        "Other (own room, boarding school)",
    ),
];

type Table = HashMap<&'static str, &'static str>;

fn tables() -> &'static (Table, Table) {
    static T: OnceLock<(Table, Table)> = OnceLock::new();
    T.get_or_init(|| {
        let da = TEXTS.iter().map(|(k, d, _)| (*k, *d)).collect();
        let en = TEXTS.iter().map(|(k, _, e)| (*k, *e)).collect();
        (da, en)
    })
}

/// The text for `key` in `lang`; the key itself when missing (and a test makes sure none is).
pub fn t(lang: Lang, key: &str) -> &'static str {
    let (da, en) = tables();
    let table = match lang {
        Lang::Da => da,
        Lang::En => en,
    };
    match table.get(key) {
        Some(text) => text,
        None => {
            tracing::warn!(key, "missing translation");
            "?"
        }
    }
}

/// Whether a key exists (for tests).
pub fn has(key: &str) -> bool {
    tables().0.contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_key_used_exists_in_both_languages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("../../web/templates"), &mut paths);
        files(&root.join("src/pages"), &mut paths);
        let mut missing = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            for k in keys_in(&text) {
                if !has(&k) {
                    missing.push(format!("{k} ({})", p.display()));
                }
            }
        }
        // Keys built from vocabularies: every value of each needs a text.
        fn all<T: std::fmt::Display>(prefix: &str, values: &[T]) -> Vec<String> {
            values.iter().map(|v| format!("{prefix}.{v}")).collect()
        }
        use kith_domain::matching::{OptionGroup, criteria::Criterion, exclusions::ExclusionCode};
        let vocab = [
            all("level", kith_domain::NeedLevel::ALL),
            all("network", kith_domain::NetworkApprovalStatus::ALL),
            all("approval", kith_domain::ApprovalStatus::ALL),
            all("authority", kith_domain::ApprovalAuthority::ALL),
            all("placement_status", kith_domain::PlacementStatus::ALL),
            all("proposal_status", kith_domain::ProposalStatus::ALL),
            all("exit_goal", kith_domain::ExitGoal::ALL),
            all("criterion", Criterion::ALL),
            all("group", OptionGroup::ALL),
            all("exclusion", ExclusionCode::ALL),
            all("visit_status", kith_domain::wheel::VisitStatus::ALL),
            all("plan_flag", kith_domain::wheel::PlanFlag::ALL),
            all("cancel_reason", kith_domain::wheel::CancelReason::ALL),
            all("goal_status", kith_domain::goals::GoalStatus::ALL),
            all("goal_outcome", kith_domain::goals::GoalOutcome::ALL),
            all("review_decision", kith_domain::goals::ReviewDecision::ALL),
            all("end_reason", kith_domain::EndReason::ALL),
            all("signal", kith_domain::goals::StaySignal::CODES),
            all("form", kith_domain::PlacementForm::ALL),
        ];
        for key in vocab.iter().flatten() {
            if !has(key) {
                missing.push(key.clone());
            }
        }
        for k in [
            "child.new",
            "child.edit",
            "option.new",
            "option.edit",
            "error.forbidden",
            "error.not_found",
            "error.invalid",
            "error.conflict",
            "error.too_many",
            "error.too_large",
            "error.unavailable",
            "error.internal",
            "overdue.not_recorded",
            "overdue.moved",
            "overdue.catch_up",
            "overdue.over_capacity",
            "overdue.no_working_day",
        ] {
            assert!(has(k), "{k}");
        }
        assert!(missing.is_empty(), "missing translations: {missing:?}");
    }

    #[test]
    fn keys_are_unique_and_texts_non_empty() {
        let mut seen = std::collections::HashSet::new();
        for (k, da, en) in TEXTS {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!da.is_empty() && !en.is_empty(), "{k}");
        }
    }

    /// The keys of every `ctx.t("...")` in a text.
    fn keys_in(text: &str) -> Vec<String> {
        let needle = "ctx.t(\"";
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find(needle) {
            let after = &rest[i + needle.len()..];
            if let Some(end) = after.find('"') {
                out.push(after[..end].to_owned());
            }
            rest = after;
        }
        out
    }
}
