# Kith: matching's explanations in English — why an option scores what it scores (reason),
# why it is excluded (exclusion_reason), what the match unit should know (flag), and what the
# options point to (advice). The domain names the text and its values; the words are here.

reason =
    .joined = { $clauses }
    .no_needs = No needs recorded
    .all_needs = { $count ->
        [one] Covers the child's one need
       *[other] Covers all { $count } needs
    }
    .covers_fully = Covers { $full } of { $total } needs fully
    .covers_partly = partly: { $needs }
    .covers_not = not: { $needs }
    .network_family = Network family: adults the child knows
    .knows_family = The child knows the family
    .knows_family_how = The child knows the family ({ $how })
    .no_known_adults = No adults the child knows
    .school_not_school_age = not of school age
    .school_not_recorded = no school location recorded
    .school_no_location = the school has no coordinates
    .school_option_no_location = no location recorded for the option
    .school_km = { $km } km from the school
    .no_parents_or_network_location = No location recorded for parents or network
    .option_has_no_location = No location recorded for the option
    .own_network = The child's own network
    .km_to_parents = { $km } km from the parents
    .km_to_network = { $km } km from the network
    .siblings_together = { $count } siblings placed together
    .placed_apart = Placed apart from siblings
    .joins_siblings = Joins its siblings, who already live here
    .apart_from_placed_siblings = Apart from its siblings, who live elsewhere
    .no_siblings = No siblings to place together
    .no_language = No language recorded for the child
    .speaks = Speaks { $languages }
    .does_not_speak = Does not speak { $languages }
    .no_culture_wishes = No wishes about culture or religion
    .meets_wish = Meets the wish ({ $words })
    .does_not_state_wish = The home does not state: { $wish }
    .network_tier = Network family: tier does not apply
    .institution_for = { $level ->
        [severe] Intensive care matches severe needs
        [moderate] An institution is more than moderate needs call for
       *[light] An institution is far more than light needs call for
    }
    .family_tier_fits = Fits { $level } support needs
    .family_tier_more = More specialised than { $level } support needs call for
    .family_tier_far_more = Far more specialised than { $level } support needs call for
    .breakdowns = { $count ->
        [0] No breakdowns at this option
        [one] 1 earlier breakdown
       *[other] { $count } earlier breakdowns
    }
    .no_day_rate = No day rate
    .no_day_rate_recorded = No day rate recorded
    .day_rate = Day rate DKK { $kroner }

exclusion_reason =
    .no_approval_date = No approval date recorded
    .approved_only_from = Only approved from { $from }
    .not_approved_yet = Not approved yet
    .suspended = The approval is suspended
    .expired = The approval has expired
    .expires_before_start = The approval expires { $until }, before the start { $start }
    .no_free_place = { $free ->
        [one] 1 free place
       *[other] { $free } free places
    }; { $needed } needed
    .age = Age { $age } at the start is outside { $min }–{ $max }
    .target_area = Not approved for the target area: { $area }
    .support_level = { $kind }: support needs up to { $level }
    .severe_need_uncovered = No competence for a severe need: { $need }
    .no_wheelchair_access = No wheelchair access
    .network_for_another_child = A network family approved for another child
    .unsuitable = Recorded as unsuitable: { $why }
    .secure_unit_age = A secure unit; the child is { $age } at the start, and the rules offer one from { $min }

flag =
    .needs_concrete_approval = Needs a concrete approval before the move
    .capacity_unconfirmed = Free places have never been confirmed
    .capacity_stale = Free places last confirmed { $days ->
        [one] 1 day
       *[other] { $days } days
    } ago
    .age_gap_under_two = A child in the home is close to the child's age (under 2 years apart): { $age }
    .not_youngest = The child would not be the youngest in the home (the youngest is { $age })
    .teenager_in_general_family = A teenager of { $age } in a general foster family
    .school_change = The school is { $km } km away: the child would likely change school
    .siblings_split = The child would be placed without their siblings
    .earlier_breakdown = The child has had a placement of this kind that broke down before ({ $kind })
    .no_consent = Consent: { $why }
    .consultant_change = The child would get another foster-care consultant than today

flag_source =
    .household = Source: professional matching practice; the other children in the home are among the foster family factors in Konijn et al. (2019), a meta-analysis of 42 studies of breakdown
    .age = Source: Konijn et al. (2019): the older the child, the more often a placement breaks down (correlation r = .25)
    .school = Source: Barnets Lov § 52(2): avoid a change of school
    .siblings = Source: Barnets Lov § 52(3); Konijn et al. (2019): siblings placed together break down less often (correlation r = .16)
    .history = Source: Konijn et al. (2019): earlier placements and breakdowns
    .consent = Source: Barnets Lov § 46: consent of the custody holder and of a young person of 15 or more
    .continuity = Source: professional practice: a change of consultant weakens the continuity of the adults around the child

advice =
    .family_based = Recommendation: family-based care
    .institutional_stay = Recommendation: a short, targeted institutional stay of { $months } months, aiming for home or family-based care
    .none_suitable = No suitable option meets every requirement
    .meet_every_requirement = { $count ->
        [one] 1 family-based option meets every requirement; it scores { $score }
       *[other] { $count } family-based options meet every requirement; the first in the list scores { $score }
    }
    .rules_list_network_later = The rules list network families after other family-based options
    .no_network_family = The child has no network family among the options
    .network_excluded = { $count ->
        [one] The network family is excluded: { $why }
       *[other] All { $count } network families are excluded, e.g.: { $why }
    }
    .severe_needs_uncovered = No family-based option covers the severe needs: { $needs }
    .excluded_count = { $count } of { $total } family-based options excluded, e.g.: { $example }
