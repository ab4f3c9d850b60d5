# Kith: the names of the domain's kinds and parties, in English.
# `area.code`: the code is the value the API and the database hold.

placement_kind =
    .general_foster_family = General foster family
    .reinforced_foster_family = Reinforced foster family
    .specialised_foster_family = Specialised foster family
    .network_foster_family = Network foster family
    .own_room = Own room / student housing
    .childrens_home = Children's home
    .boarding_school = Boarding school

institution_form =
    .residential_institution = Residential institution
    .secure_unit = Secure unit
    .residential_home = Residential home

agreement_state =
    .open = Open
    .done = Done
    .dropped = Dropped

party =
    .child = the child
    .parents = the parents
    .network = the network
    .foster_family = the foster family
    .institution = the institution
    .school = the school
    .adviser = the case adviser
    .consultant = the consultant
    .leader = the team leader
    .other = someone else

goal_area =
    .personal_development = Personal development and relationships
    .health_and_well_being = Health and well-being
    .school_and_education = School and education
    .independent_adult_life = Independent adult life
    .continuity_and_relationships = Continuity and stable relationships

visit_kind =
    .supervision = Supervision visit
    .support = Consultant support visit
    .institution_follow_up = Institution follow-up meeting
    .plan_review = Plan review (§ 95)
    .start_contact = First-weeks contact
    .after_care_review = Support after 18 to decide

role =
    .matcher = Match unit
    .consultant = Foster-care consultant
    .adviser = Case adviser
    .leader = Team leader
    .admin = Administrator
    .auditor = Data-protection auditor

target_area =
    .disability = Disability
    .unaccompanied_refugee = Unaccompanied refugee minors
    .social_psychiatric = Vulnerable children (social and psychiatric)
    .general = General

# Why a visit cannot be moved to a day: it is not a working day.
closed =
    .weekend = The day is in a weekend. Choose a weekday.
    .holiday = { $name } is a public holiday. Choose another day.
    .closing_day = The day is one of the municipality's closing days. Choose another day.

# The Danish public holidays, by the code the work calendar gives them.
holiday =
    .new_years_day = New Year's Day
    .maundy_thursday = Maundy Thursday
    .good_friday = Good Friday
    .easter_sunday = Easter Sunday
    .easter_monday = Easter Monday
    .ascension_day = Ascension Day
    .whit_sunday = Whit Sunday
    .whit_monday = Whit Monday
    .christmas_day = Christmas Day
    .boxing_day = Boxing Day
    .great_prayer_day = Great Prayer Day
