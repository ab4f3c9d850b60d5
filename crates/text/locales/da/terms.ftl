# Kith: the names of the domain's kinds and parties, in Danish.
# `area.code`: the code is the value the API and the database hold.

placement_kind =
    .general_foster_family = Almen plejefamilie
    .reinforced_foster_family = Forstærket plejefamilie
    .specialised_foster_family = Specialiseret plejefamilie
    .network_foster_family = Netværksplejefamilie
    .own_room = Eget værelse / kollegie
    .childrens_home = Børne- og ungehjem
    .boarding_school = Efterskole / fri fagskole

institution_form =
    .residential_institution = Døgninstitution
    .secure_unit = Sikret afdeling
    .residential_home = Opholdssted

agreement_state =
    .open = Åben
    .done = Udført
    .dropped = Droppet

party =
    .child = barnet
    .parents = forældrene
    .network = netværket
    .foster_family = plejefamilien
    .institution = institutionen
    .school = skolen
    .adviser = rådgiveren
    .consultant = konsulenten
    .leader = lederen
    .other = andre

goal_area =
    .personal_development = Personlig udvikling og relationer
    .health_and_well_being = Sundhed og trivsel
    .school_and_education = Skole og uddannelse
    .independent_adult_life = Et selvstændigt voksenliv
    .continuity_and_relationships = Kontinuitet og stabile relationer

visit_kind =
    .supervision = Tilsynsbesøg
    .support = Konsulentbesøg
    .institution_follow_up = Opfølgningsmøde med institution
    .plan_review = Opfølgning på handleplan (§ 95)
    .start_contact = Opstartskontakt
    .after_care_review = Afklaring af støtte efter 18 år

role =
    .matcher = Matchenhed
    .consultant = Plejefamiliekonsulent
    .adviser = Rådgiver
    .leader = Leder
    .admin = Administrator
    .auditor = Databeskyttelse (revision)

target_area =
    .disability = Handicap
    .unaccompanied_refugee = Uledsagede flygtningebørn
    .social_psychiatric = Udsatte børn (socialt og psykiatrisk)
    .general = Almenområdet

# Why a visit cannot be moved to a day: it is not a working day.
closed =
    .weekend = Dagen ligger i en weekend. Vælg en hverdag.
    .holiday = { $name } er en helligdag. Vælg en anden dag.
    .closing_day = Dagen er en af kommunens lukkedage. Vælg en anden dag.

# The Danish public holidays, by the code the work calendar gives them.
holiday =
    .new_years_day = Nytårsdag
    .maundy_thursday = Skærtorsdag
    .good_friday = Langfredag
    .easter_sunday = Påskedag
    .easter_monday = 2. påskedag
    .ascension_day = Kristi himmelfartsdag
    .whit_sunday = Pinsedag
    .whit_monday = 2. pinsedag
    .christmas_day = Juledag
    .boxing_day = 2. juledag
    .great_prayer_day = Store bededag
