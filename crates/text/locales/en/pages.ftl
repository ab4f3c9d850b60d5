# Kith: the texts of the pages, in English.
# One message per area; each text is an attribute: `nav.skip` is `nav` → `.skip`.

nav =
    .skip = Skip to content
    .label = Main menu
    .children = Children
    .options = Placement options
    .users = Users
    .needs = Needs vocabulary
    .logout = Log out
    .other_language = Dansk
    .audit = Audit log
    .proposals = Proposals
    .rules = Rules
    .week = My week
    .team = Team's year
    .caseload = Caseload
    .dashboard = Dashboard

footer =
    .text = Kith · placement matching and follow-up for children's services

login =
    .title = Log in
    .intro = Log in with your work e-mail.
    .email = E-mail
    .password = Password
    .submit = Log in
    .failed = The e-mail or password is wrong.
    .locked = Too many failed attempts. The account is locked; try again in { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }.
    .expired = You were logged out because you had not used Kith for a while. Log in again to go on. What you write in a visit or a plan review is kept as a draft while you write, and is in the form when you come back.
    .intro_provider = Log in with your municipality login.
    .with = Log in with
    .with_password = Log in with e-mail and password instead
    .signed_out = You are logged out of Kith and of the municipality login.
    .logged_out = You are logged out of Kith.
    .refused_unknown = The municipality login knows you as { $email }, but Kith cannot link that to a user. Ask an administrator of Kith to create you with that e-mail (or remove an old link), then try again.
    .refused_unverified = The municipality login gave the e-mail { $email } without confirming it, so Kith cannot find your user. Contact IT support.
    .refused_no_email = The municipality login gave no e-mail, so Kith cannot find your user. Contact IT support.
    .refused_no_role = The municipality login gives you no access to Kith: none of your groups at the municipality gives a role in Kith. Contact your leader or IT support.
    .refused_disabled = Your user in Kith is blocked. Contact an administrator of Kith if you need access again.
    .refused_unavailable = Kith cannot reach the municipality login right now. Try again in a moment.
    .refused_failed = Logging in through the municipality did not succeed. Try again. If it happens again, contact IT support.

error =
    .status = Status
    .filter = The filter cannot be read
    .without_filters = Show the page without filters
    .form_expired = The form has expired or did not come from Kith. Go back, reload the page and try again.
    .home = Go to the start page
    .forbidden = You do not have access
    .not_found = Page not found
    .validation = Invalid input
    .conflict = Conflict
    .too_many_attempts = Too many attempts
    .sign_in_refused = Login refused
    .too_large = Too large
    .busy = Kith is busy right now
    .unavailable = Kith cannot reach its database right now
    .storage = Kith cannot save right now
    .internal = Something went wrong

password =
    .change = Change password
    .current = Current password
    .new = New password
    .repeat = Repeat the new password
    .save = Change password
    .set = Save the new password
    .rules = At least 12 characters. A few unrelated words work well; not your name or e-mail.
    .changed = Your password is changed. You are logged out everywhere else.
    .reset_done = Your new password is saved. Log in with it.
    .reset_title = Choose a new password
    .mismatch = The two passwords differ.
    .link_gone = The link no longer works: it was used, has expired or was replaced. Ask an administrator for a new one.

sessions =
    .title = Log out everywhere
    .intro = Forgot to log out on another computer, or lost a phone? Log out everywhere.
    .end_mine = Log me out everywhere
    .end_theirs = Log the user out everywhere

users =
    .setup_also_provider = With the municipality login the user can also log in when the work e-mail here is the same as at the municipality.
    .at_time = at
    .notice_reset_sent = The link to a new password has been sent to the user.
    .notice_sessions_ended = The user is logged out everywhere.
    .notice_unlinked = The link to the municipality login is removed, and the user is logged out everywhere.
    .setup_provider = The person logs in with the municipality login and their work e-mail; no e-mail is sent.
    .passwords_off = Passwords are switched off here: the user logs in with the municipality login.
    .provider_login = Municipality login
    .identity_none = Not linked. That happens the next time the person logs in with the municipality login and the work e-mail shown here.
    .identity_linked = linked
    .identity_last = last used
    .unlink = Remove the link
    .unlink_hint = For when the person got a new account at the municipality, or the wrong account was linked. Whoever is logged in through the link is logged out at once; the next login with the municipality login is linked again through the work e-mail, so first correct the e-mail here or at the municipality if that was what was wrong.
    .access = Access
    .reset_intro = If the user forgot their password, send a link to choose a new one; it works once, for 24 hours.
    .send_reset = Send a password link
    .setup_link = The user gets an e-mail with a link to choose their own password. It works for 24 hours; you can send a new one from the user's page.
    .title = Users
    .new = Add a user
    .name = Name
    .email = E-mail
    .roles = Roles
    .units = Units
    .language = Language
    .active = Active

tokens =
    .title = API tokens
    .none = No API tokens.
    .name = Name
    .prefix = Starts with
    .created = Created
    .last_used = Last used
    .expires = Expires
    .revoke = Revoke
    .revoked = Revoked

audit =
    .title = Audit log
    .intro = Who read or changed which child's data, and every change of users, roles, rules and access. Reading the log is itself logged.
    .actor = Staff member (no.)
    .child = Child (no.)
    .from = From
    .to = To
    .action = Action
    .all = All
    .show = Show
    .export = Download
    .when = When
    .who = Who
    .what = What
    .detail = Details
    .system = The system
    .none = Nothing in the period.
    .more = Older entries

form =
    .problems = Please correct the following
    .save = Save
    .cancel = Cancel
    .back = Back
    .add = Add
    .remove = Remove
    .actions = Actions
    .network = Network care
    .other_family_based = Other family-based
    .institutional = Institutional
    .other = Other (own room, boarding school)

filter =
    .all = All
    .yes = Yes
    .no = No
    .apply = Filter

pager =
    .next = Next page

level =
    .none = No need
    .light = Light
    .moderate = Moderate
    .severe = Severe

case_handed_over =
    .title = The case was handed over
    .text = The case was handed to { $to } on { $on }, and you no longer have access to it. Ask { $to } or your leader if you need to know something about the child.
    .text_nobody = The case was taken from you on { $on }, and you no longer have access to it. Ask your leader if you need to know something about the child.
    .caseload = To my caseload
    .week = To my week

case_moved =
    .title = The case has moved on
    .text = The child was placed after proposal #{ $id }, approved on { $decided }, starting { $start }. The child's case adviser and consultant now follow the placement up, and you no longer have access to the case.
    .text_undated = The child was placed after proposal #{ $id }, starting { $start }. The child's case adviser and consultant now follow the placement up, and you no longer have access to the case.
    .open_proposal = Open the proposal
    .waiting = Children waiting

children =
    .title = Children
    .import = Import from a file
    .new = Register a child
    .allocate = Allocate several children at once
    .none = No children to show.
    .sort = Sort by
    .sort_name = Name
    .sort_waiting = Longest waiting (waiting only)
    .sort_age = Age (oldest first)
    .days_waiting = Days waiting

child =
    .new = Register a child
    .edit = Edit case
    .edit_profile = Edit needs profile
    .facts = Basic facts
    .name = Name
    .age = Age
    .years = years
    .birth_date = Birth date
    .cpr = CPR number
    .cpr_hint = Optional. Shown masked; only the case adviser can see the full number.
    .cpr_keep_hint = Leave empty to keep the stored number.
    .cpr_reveal = Show the full number
    .cpr_revealed = (this view is logged)
    .case_adviser = Case adviser
    .target_area = Target area
    .support_level = Overall support level
    .placement_request = Placement request
    .placement_requested = Placement requested
    .placement_requested_hint = The date the match unit was asked for a placement. Empty: no request.
    .languages = Languages
    .languages_hint = Language codes separated by commas, e.g. da, ar
    .wheelchair = Needs wheelchair access
    .needs = Needs
    .no_needs = No needs recorded.
    .profile = Needs profile
    .voice = The child's view
    .own_wishes = The child's own wishes
    .culture_religion_wishes = Culture and religion wishes
    .places = School and parents
    .school = School
    .parents_home = Parents' home
    .siblings = Siblings
    .siblings_short = siblings
    .in_sibling_group = Part of a sibling group
    .no_siblings = No siblings recorded.
    .sibling_id = Sibling's case number
    .link_sibling = Link sibling
    .unlink_sibling = Take out of the sibling group
    .network = Network
    .no_network = No network recorded.
    .unsuitable = Unsuitable placement options
    .no_unsuitable = None recorded.
    .placements = Placements
    .no_placements = No placements.
    .find_options = Find placement options
    .known_options = Options the child knows
    .no_known_options = None recorded.

place =
    .lat = Latitude
    .lon = Longitude
    .no_coordinates = no coordinates

network =
    .add = Add a person to the network
    .name = Name
    .relation = Relation
    .address = Address
    .approval = Approval as network family
    .none = Not started
    .in_assessment = In assessment
    .approved = Approved
    .refused = Refused

unsuitable =
    .add = Record an unsuitable option
    .option_id = Option number
    .reason = Reason

placement =
    .option = Placement option
    .start = Start
    .planned_end = Planned end
    .status = Status
    .consultant = Consultant
    .exit_goal = Exit goal

placement_status =
    .planned = Planned
    .active = Active
    .ended = Ended

options =
    .title = Placement options
    .sort = Sort by
    .sort_name = Name
    .sort_free = Most free places first
    .import = Import from a file
    .new = Register an option
    .none = No placement options to show.

option =
    .new = Register a placement option
    .edit = Edit
    .facts = Facts
    .name = Name
    .kind = Kind
    .institution_form = Institution form
    .address = Address
    .free_places = Free places
    .free_of = free of
    .min_free = At least free places
    .places_taken = Places taken
    .approved_places = Approved places
    .capacity = Capacity
    .capacity_confirmed = Capacity confirmed
    .confirm_capacity = Confirm free places now
    .ages = Ages
    .age_min = From
    .age_max = To
    .target_areas = Target areas
    .approval = Approval
    .consultant = Responsible consultant
    .languages = Languages spoken
    .culture_religion = Culture and religion
    .wheelchair = Wheelchair access
    .day_rate = Day rate (DKK)
    .home = The home
    .competences = Competences
    .no_competences = No competences recorded.
    .up_to = up to
    .network_child = Approved for child (case number)
    .network_child_hint = Network families only: the one child the approval is for.

approval =
    .status_label = Status
    .authority_label = Approved by
    .approved_on = Approved on
    .valid_until = Valid until
    .active = Active
    .suspended = Suspended
    .expired = Expired
    .pending = In assessment

authority =
    .social_supervision = Social supervision authority
    .municipality = The municipality
    .other = Other

known =
    .add = Record an option the child knows (e.g. respite care)
    .how = How the child knows it

match =
    .flags_hint = The flags under each option are for you to weigh: they do not exclude an option nor change its score. Each says where it comes from.
    .title = Matching
    .back_to_case = Back to the case
    .start = Start date
    .siblings = Siblings
    .together = Together
    .separately = Separately
    .update = Update
    .sibling_group = sibling group
    .split = apart from siblings
    .score = Score
    .contributions = What the score is made of
    .chosen = Chosen
    .free = { $n ->
        [one] 1 free place
       *[other] { $n } free places
    }
    .open_option = Open the option
    .none_fit = No placement option meets every requirement.
    .excluded = Excluded options and why
    .of = of
    .show_all = Show all
    .propose_this = Propose this one
    .propose_hint = Write the rationale here, then choose the option with the button beside it.
    .why = What the score is made of
    .stay_fields = For a stay in an institution: planned end and exit goal
    .planned_end_hint = Empty: the start date plus the planned length in the rules.
    .choose_exit_goal = Choose an exit goal

exclusion =
    .not_approved = Not approved
    .approval_suspended = Approval suspended
    .approval_expired = Approval expired
    .no_free_place = No free place
    .age_outside_range = Age
    .target_area = Target area
    .support_level = Support level too high
    .severe_need_uncovered = Severe need not covered
    .no_wheelchair_access = Wheelchair access
    .network_for_another_child = Network family for another child
    .unsuitable = Recorded unsuitable
    .secure_unit_age = Secure unit, child too young

group =
    .network = Network
    .family_based = Family-based
    .institutional = Institutional
    .other = Other

criterion =
    .needs = Needs covered
    .known_adults = Known adults
    .school = Keeps the school
    .near_network = Near parents and network
    .siblings = Siblings together
    .language = Language
    .culture = Culture and religion
    .tier_fit = Tier fit
    .track_record = The option's track record
    .cost = Cost

proposals =
    .title = Proposals
    .none = No proposals to show.
    .sort = Sort by
    .sort_newest = Newest first
    .sort_oldest = Waiting longest first
    .sort_start = Earliest start first

proposal =
    .search_title = Network search
    .search_intro = The place is outside the child's network. This is where the network search stands today:
    .search_open = See the search
    .approval_reason = Why a place outside the network (the search is not finished)
    .title = Proposal
    .new = Propose the chosen option
    .rationale = Rationale
    .rationale_hint = Short and clear, so the family can read it.
    .keep_draft = Keep as a draft (do not send to a leader yet)
    .submit = Send to a leader
    .status = Status
    .children = Child
    .option = Placement option
    .proposer = Proposed by
    .submitted = Submitted
    .decided_by = Decided by
    .reason = Reason for the decision
    .facts = The proposal
    .chosen = The chosen option
    .frozen = Score and reasons as they were when the proposal was made.
    .decide = Decision
    .approve = Approve and book the place
    .reject = Reject
    .reject_reason = Reason for rejecting
    .withdraw = Withdraw
    .alternatives = Alternatives considered
    .no_alternatives = No other option met the requirements.
    .placed = The placement
    .open_placement = Open the placement and its year
    .followed_by = The case is now followed up by the adviser

cover =
    .manage = See and name stand-ins
    .action = Action
    .removed = The stand-in is removed.
    .mine_line = { $name } is your stand-in { $period }.
    .carried_line = You stand in for { $name } { $period }.
    .title_mine = Your stand-in when you are away
    .title_of = Stand-in for { $name }
    .list = Stand-ins
    .intro = While the period runs, the stand-in can open the cases and record visits and reviews. Items falling in the period are on the stand-in's week and in their morning e-mail. The items stay with the person who is away.
    .none = There is no stand-in from today on.
    .period = Period
    .stand_in = Stand-in
    .stand_in_hint = A colleague from the same team doing the same work, or a team leader.
    .state = Status
    .running = Running
    .coming = Coming
    .end = End now
    .remove = Remove
    .new = Name a stand-in
    .first_day = First day away
    .last_day = Last day away
    .choose = Choose a colleague
    .save = Name stand-in
    .no_candidates = Nobody in the team can stand in. Contact your team leader.
    .days_off_hint = Also enter the days as days off, so planning keeps them free.
    .to_days_off = Go to days off
    .named = The stand-in is named.
    .ended = The stand-in is ended.
    .link_mine = Going to be away? Name a colleague as your stand-in, so your items do not wait.
    .link_of = Name a stand-in for { $name }
    .on_week = Standing in for { $name } · { $period }
    .on_week_intro = Items falling in the period while { $name } is away. Hold each by the day shown. You can open the cases and record the items while the period runs; they stay with { $name }.
    .waiting = { $n ->
        [0] No items fall in the period so far.
        [one] 1 item falls in the period. It is shown here from { $first }, when you get access to the cases.
       *[other] { $n } items fall in the period. They are shown here from { $first }, when you get access to the cases.
    }
    .for = for { $name }
    .by = By
    .planned_after = In { $name }'s plan for { $date }, after the absence.
    .planned_in = In { $name }'s plan for { $date }.
    .none_at_all = No items fall in the period.
    .none_in_week = None of the items is to be held this week.
    .team = Absences in your teams
    .team_line = { $absent } is away { $period }; { $stand_in } stands in.

household =
    .title = Children in the home
    .hint = The children living with the family whom Kith did not place there: the carers' own and children placed by others. Matching weighs them with the children Kith placed there for the age gap and whether the child would be the youngest.
    .none = No other children recorded.
    .years = years
    .confirmed = Last confirmed with the family
    .never = never
    .born_on = Born
    .relation = Who
    .save = Save and confirm today
    .confirmed_short = children in the home confirmed
    .never_confirmed_short = children in the home never confirmed: age flags may be missing
    .saved = Saved. The children in the home are confirmed today.

household_relation =
    .own_child = The carers' own child
    .placed_by_others = Placed by another municipality

stability_facts =
    .title = Consent and earlier placements
    .hint = Matching flags an option when consent is missing, and when the child has had a placement of the same kind that broke down.
    .consent_child = The child agrees to the placement (consent from 15, before that the child's view)
    .consent_parents = The custody holder agrees to the placement
    .earlier = Earlier placements (before this case)
    .none_earlier = None recorded
    .broke_down = broke down
    .kind = Placement
    .not_recorded = Not recorded
    .edit = Change consent and earlier placements
    .save = Save

consent =
    .agrees = Yes
    .disagrees = No
    .not_asked = Not asked yet

consent_gap =
    .parents_disagree = the custody holder does not agree
    .young_person_disagrees = the young person (15 or more) does not agree
    .child_against = the child is against the placement (a view; consent is given from 15)
    .not_recorded = a needed answer is not recorded or not asked yet

proposal_status =
    .draft = Draft
    .submitted = Awaiting decision
    .approved = Approved
    .rejected = Rejected
    .withdrawn = Withdrawn

exit_goal =
    .home = Home
    .network_family = Network family
    .foster_family = Foster family
    .own_home = Own home

rules =
    .title = Rules for matching and the annual wheel
    .preview = Show what the change moves
    .preview_hint = The wheel's rules re-plan every placement when they are saved. See first what the new numbers move.
    .preview_nothing_kept = Nothing is saved yet: press "Save" to use the rules, or change the numbers.
    .preview_result = With these rules the wheel would { $created ->
        [one] add 1 visit
       *[other] add { $created } visits
    }, { $updated ->
        [one] move 1
       *[other] move { $updated }
    } and { $cancelled ->
        [one] cancel 1
       *[other] cancel { $cancelled }
    }. { $flagged ->
        [0] Everything can be planned as the rules say.
        [one] 1 visit cannot be planned as the rules say and is shown to the leader.
       *[other] { $flagged } visits cannot be planned as the rules say and are shown to the leader.
    }
    .intro = The weights decide how much each criterion counts. The rules apply at once to new matchings.
    .weights = Weights
    .weights_hint = Whole numbers from 0. The score is each criterion's share of the total.
    .numbers = Limits
    .institution_default_months = Planned length of an institutional stay (months)
    .school_full_km = Full marks for the school within (km)
    .school_zero_km = No marks for the school beyond (km)
    .network_full_km = Full marks for nearness within (km)
    .network_zero_km = No marks for nearness beyond (km)
    .day_rate_low_dkk = Full marks for cost up to (DKK/day)
    .day_rate_high_dkk = No marks for cost from (DKK/day)
    .capacity_stale_days = Free places are stale after (days)
    .secure_unit_min_age = Secure units offered from age (years)
    .network_search_stale_days = A network search is out of date after (days)
    .wheel = The annual wheel
    .wheel_hint = Saving plans every placement's year again with the new numbers.
    .weekly_capacity = Most visits a week (for anyone who has not set their own)
    .daily_capacity = Most visits a day
    .horizon_months = Plan this far ahead (months)
    .escalate_after_days = Statutory items go to the team leader after (days overdue)
    .digest_days_ahead = The morning e-mail shows items for the next (days)
    .first_weeks = The first weeks
    .first_weeks_hint = Breakdowns happen most often early, so a new placement is followed more closely at the start: a first contact within the first days and then at fixed intervals. Where several patterns fit, the one with the most contacts applies.
    .fw_all_kinds = Every placement
    .fw_heading_age = { $kinds }, children from { $age }
    .fw_first_within_days = First contact at the latest (days after the start)
    .fw_every_days = Then a contact every (days)
    .fw_for_days = Until (days after the start)
    .fw_window_days = May be held this many days before or after
    .fw_from_age = Only for children from (years; blank for all)

needs =
    .title = Needs vocabulary
    .intro = The shared vocabulary describes both children's needs and what placement options can handle.
    .code = Code
    .label_da = Name (Danish)
    .label_en = Name (English)
    .description_da = Description (Danish)
    .description_en = Description (English)
    .sort_order = Order
    .active = In use
    .retired = retired
    .new = New need

week =
    .mine = My week
    .of = The week of
    .previous = ← Previous week
    .this = This week
    .next = Next week →
    .load = { $visits ->
        [one] 1 visit planned this week
       *[other] { $visits } visits planned this week
    } (at most { $capacity } a week)
    .day_by_day = The week day by day
    .day_free = No visits
    .today = today
    .overdue_short = overdue
    .day_visits = { $n ->
        [one] 1 visit
       *[other] { $n } visits
    }
    .none_else_due = Nothing else is to be done this week than the overdue above.
    .overdue = Overdue
    .due = Due now
    .due_in_week = Planned in the week or due in it
    .upcoming = The next four weeks
    .none_overdue = Nothing is overdue.
    .none_due = Nothing is due this week.
    .none_upcoming = Nothing planned in the next four weeks.
    .agreements = My agreements
    .none_agreements = You have no open agreements.
    .network_steps = Next steps in network searches
    .agreement_done = Done
    .agreement_other = Drop it or add a note
    .day_off = day off

overdue =
    .not_recorded = Planned for { $date } but not recorded as held.
    .moved = Moved to { $date }, after the deadline.
    .catch_up = The deadline had already passed when the visit was to be planned; set for { $date }.
    .over_capacity = There was no room in the calendar before the deadline; set for { $date }.
    .no_working_day = There was no working day before the deadline; set for { $date }.

visit_status =
    .planned = Planned
    .held = Held
    .cancelled = Cancelled

plan_flag =
    .over_capacity = Over capacity
    .no_working_day = No working day
    .outside_window = Outside its window

cancel_reason =
    .placement_ended = The placement ended
    .no_longer_needed = No longer needed
    .decided = Decided: the decision is recorded on the placement
    .by_user = Cancelled by a member of staff

visit =
    .after_care_hint = Before the young person turns 18, decide what support there will be after 18 (after-care). The task is done when the decision is recorded on the placement.
    .after_care_decide = Record the decision on the placement
    .facts = About the visit
    .placement = Placement
    .planned_on = Planned for
    .window = Can be held
    .due_on = ideally around
    .deadline = Deadline
    .assignee = Held by
    .state = State
    .days = days
    .flag = Planning note
    .moved_reason = Moved because
    .cancel_reason = Reason for cancelling
    .pinned = Fixed
    .seen_alone_required = the child is to be seen alone
    .open_record = Open and record
    .open = Open
    .record = Record
    .record_it = Record the visit
    .held_on = Held on
    .child_seen_alone = Was the child seen alone?
    .not_seen_alone_reason = Why not alone
    .child_view = The child's own view
    .child_view_hint = Write what the child told you in the conversation – or why they could not.
    .observations = Observations
    .open_follow_ups = Follow-ups from earlier visits
    .open_follow_ups_hint = Tick those that are done.
    .new_follow_ups = New follow-ups
    .new_follow_ups_hint = Write only what was agreed. A filled row needs what, whose and by when; empty rows are not kept.
    .fu_what = What
    .fu_owner = Who
    .fu_owner_choose = Choose who
    .fu_due = By
    .follow_ups_made = Follow-ups
    .done_on = done
    .save_record = Save the record
    .move = Move the visit
    .move_to = New date
    .move_reason = Why
    .cancel = Cancel the visit
    .cancel_hint = A statutory visit is planned again so the year's number still holds.

year =
    .title = Year wheel
    .facts = The placement
    .start = Period
    .consultant = Consultant
    .adviser = Case adviser
    .rhythm = Plan review rhythm
    .months = months
    .rules_rhythm = The rules' default
    .rhythm_hint = Blank: the rules' default.
    .change = Change the consultant or the rhythm
    .save = Save and re-plan
    .wheel = The next twelve months
    .recorded = The visit is recorded and the next one planned.

overdue_list =
    .days = { $n ->
        [one] one day
       *[other] { $n } days
    }
    .no_stays = No stay is past its planned end.
    .clock = How long past
    .title = Overdue now
    .intro = The visits, reviews and stays the dashboard's "now" figures count: visits and reviews planned but past their deadline, and stays running past their planned end. Open one to see who holds it.
    .back = Back to the dashboard
    .none = Nothing is overdue.

escalated =
    .title = Escalated to you
    .intro = Statutory items in your team that were more than { $days ->
        [one] one day
       *[other] { $days } days
    } past their deadline and so were escalated to you that morning. These are exactly the items the e-mail counted. Open one to see who holds it and what is missing.
    .items = Items
    .none = Nothing was escalated to you on this day.
    .team_year = The team's year

team =
    .title = The team's year
    .intro = Visits per consultant per month (planned and held) against their room. Red bars are over.
    .none = Your units have no consultants. The team's year shows the consultants' visits month by month; the plan reviews of your units' cases are under Caseload.
    .capacity = Room:
    .per_week = visits a week
    .months_over = months over
    .table_caption = Visits and room per month for
    .month = Month
    .visits = Visits
    .room = Room

me =
    .title = My profile
    .room = Room for visits
    .room_intro = The planner now uses at most this many visits a week:
    .weekly_visits = Most visits a week
    .weekly_visits_hint = Blank: the rules' default.
    .days_off = Days off
    .days_off_hint = Pick one date in each field. Empty a field to remove the day; save to get more empty fields.
    .save = Save and re-plan
    .calendar = Calendar
    .calendar_intro = Subscribe to your visits in your calendar. The address is secret; it shows no names.
    .calendar_new = Your new address. It is shown only now; the old one no longer works.
    .calendar_address = Calendar address
    .calendar_rotate = Make a new address
    .calendar_revoke = Turn the calendar off
    .day_off = Day off
    .calendar_copy = Copy the address
    .calendar_copied = Copied
    .calendar_outlook = How to add it in Outlook
    .outlook_1 = Open the calendar in Outlook and choose Add calendar, then Subscribe from web (in classic Outlook: Home, Add calendar, From internet).
    .outlook_2 = Paste the address, name the calendar, e.g. Kith visits, and choose Import.
    .outlook_3 = The visits now show in a calendar of their own, which you can switch on and off beside yours.
    .calendar_google = How to add it in Google Calendar
    .google_1 = Open Google Calendar on a computer. Choose the plus next to Other calendars, then From URL.
    .google_2 = Paste the address and choose Add calendar.
    .google_3 = The calendar shows under Other calendars. Your phone gets it once it has synced.
    .calendar_refresh = Your calendar program fetches changes by itself, usually a few times a day; a visit you move in Kith moves there a little later.

month =
    .m01 = January
    .m02 = February
    .m03 = March
    .m04 = April
    .m05 = May
    .m06 = June
    .m07 = July
    .m08 = August
    .m09 = September
    .m10 = October
    .m11 = November
    .m12 = December

common =
    .yes = Yes
    .no = No

signal =
    .title = Needs attention
    .since = since
    .past_planned_end = Past the planned end
    .ending_without_exit_plan = Ending soon without an exit plan
    .ending_with_goals_flat = Ending soon, and a goal has not moved for 30 days
    .no_progress = No progress recorded for 60 days
    .review_overdue = Plan review overdue
    .adulthood_review_due = Support after 18 is to be decided

agreements =
    .title = Agreements
    .none = No open agreements.
    .what = Agreement
    .who = Who
    .due = By
    .made_at = Made at
    .the_visit = the visit
    .the_review = the plan review
    .overdue = overdue
    .hint = Close an agreement here, on its holder's week, or at the next visit.
    .close = Close the agreement
    .outcome = How did it go?
    .note = Note (say why if it is dropped)
    .save = Save

stay =
    .title = Short stay
    .ends_in = { $days ->
        [0] ends today
        [one] ends tomorrow
       *[other] ends in { $days } days
    }
    .past_end = { $days ->
        [one] 1 day past the planned end – the stay is still running
       *[other] { $days } days past the planned end – the stay is still running
    }
    .planned_end = Planned end
    .exit_goal = Exit goal
    .no_exit_plan = No exit plan yet
    .exit_move_on = Day of the move
    .no_exit_move = No day of the move yet
    .exit_steps = Steps to the move (who does what)
    .exit_plan_hint = The plan says where the child goes, when and how. The move falls within the stay; extend the stay first if it falls later.
    .exit_goal_reached = Exit goal reached
    .extensions = Extensions
    .edit_exit_plan = Write the exit plan
    .exit_steps_short = Steps to the move
    .save_exit_plan = Save the exit plan
    .change_exit_plan = Change the exit plan
    .extend = Extend the stay
    .new_end = New planned end
    .reason = Reason

goal =
    .title = The child's plan: goals
    .none = No goals yet.
    .new = New goal
    .add = Add goal
    .area = Area
    .text = The goal
    .text_hint = Write the goal so the child and the family can read it.
    .measure = How it is measured
    .measure_kind = Measure
    .scale_0_10 = scale 0-10:
    .baseline = Baseline
    .target = Target
    .unit = Unit (e.g. school days a week)
    .parties = Who is responsible
    .due = Due
    .status = Status
    .progress = Progress
    .chart_caption = Progress over time; the thick line is the target.
    .date = Date
    .value = Value
    .way = Of the way
    .note = Note
    .took_part = Took part
    .child = the child
    .parents = the parents
    .reached = Reached
    .not_reached = Not reached
    .record_progress = Record progress
    .child_took_part = The child took part
    .parents_took_part = The parents took part
    .save_progress = Save progress
    .close = Close the goal

measure =
    .scale = Scale 0-10
    .number = Number with a unit
    .yes_no = Reached yes/no

goal_status =
    .active = Active
    .achieved = Achieved
    .not_achieved = Not achieved
    .revised = Revised
    .dropped = Dropped

goal_outcome =
    .keep = Keep
    .adjust = Adjust
    .achieved = Achieved
    .drop = Drop

review_decision =
    .continue = The plan continues
    .adjust_goals = Goals are adjusted
    .change_measure = The measure changes
    .end_placement = The placement is to end

review =
    .title = Plan reviews (§ 95)
    .none = No plan reviews yet.
    .record = Record a plan review
    .held_on = Held on
    .decision = Decision
    .rhythm = Next review in (months)
    .rhythm_hint = Blank: the rhythm stays as it is.
    .child_view = The child's view of the plan
    .save = Save the review
    .next_in = next in
    .due = due

end =
    .title = End the placement
    .open = End the placement …
    .date = End date
    .reason = Reason
    .breakdown = The placement broke down
    .open_goals = Open goals close as
    .submit = End the placement

end_reason =
    .goal_reached = Goal reached
    .home = Home
    .moved_on = Moved on
    .breakdown = Breakdown
    .aged_out = Aged out
    .other = Other

caseload =
    .select = Select
    .hand_over = Hand the selected placements over
    .hand_over_hint = When a consultant or an adviser leaves or is away for long: tick the placements above, choose who takes over (a consultant, or an adviser for the children's cases), and hand them over at once. Planned visits and plan reviews move with them, and the change counts in the continuity figure.
    .hand_over_to = Hand over to consultant
    .hand_over_to_adviser = Or hand the cases to adviser
    .hand_over_button = Hand over the selected
    .handed = { $n ->
        [0] No placement changed consultant: the selected ones already had that consultant.
        [one] 1 placement was handed over.
       *[other] { $n } placements were handed over.
    }
    .agreements = Agreements
    .open_agreements = { $n ->
        [one] one open
       *[other] { $n } open
    }
    .overdue_agreements = { $n ->
        [one] one overdue
       *[other] { $n } overdue
    }
    .title = My placements
    .intro = Each placement with how its goals are moving and what needs attention; the most urgent first.
    .none = No current placements.
    .child = Child
    .placement = Placement
    .goals = Goals
    .next_review = Next plan review
    .no_goals = No active goals
    .of = of
    .moving = moving (90 days)
    .title_team = The teams' placements
    .unit = Team
    .person = Adviser or consultant
    .placements = placements
    .page = page
    .of_pages = of
    .pages = Pages
    .previous = ← Previous page
    .next = Next page →

dash =
    .title = Momentum dashboard
    .unit = Unit
    .all_units = All my units
    .from = From
    .to = To
    .show = Show
    .download = Download as a spreadsheet
    .definitions = Numbers in brackets: how many it rests on. «How the figures are worked out» says how each one is computed.
    .lead_times = Lead times (median)
    .request_to_proposal = Request → proposal
    .proposal_to_decision = Proposal → decision
    .decision_to_start = Decision → start
    .days = days
    .visits = Visits
    .within_window = Held within their window (12 months)
    .seen_alone = Child seen alone (supervision)
    .overdue_visits = Overdue visits now
    .overdue_reviews = Overdue plan reviews now
    .goals = Goals
    .goals_moving = Goals with progress (90 days)
    .goals_achieved = Goals achieved (of closed)
    .stays = Short stays
    .past_end = Past the planned end now
    .stay_length = Median length / planned
    .exit_reached = Exit goal reached
    .continuity = Continuity
    .consultant_changes = Consultant changes per placement-year
    .adviser_changes = Adviser changes per placement-year
    .breakdowns = Breakdowns per 100 placement-years
    .forms = Placement forms
    .forms_table = Placements by form: now and started in the period
    .monthly = Placements started per month
    .form = Form
    .current = Now
    .started = Started
    .caseloads = Caseloads
    .caseload_caption = Consultants' placements; the line is the mean, and a red bar lies above it.
    .consultants = Consultants
    .advisers = Case advisers
    .person = Staff member
    .placements = Placements
    .stability = Stability
    .moves_rate = Moves per 1,000 days in care
    .three_placements = Children with 3 or more placements in 2 years
    .same_carer = Same placement for 2 years (under 16, long in care)
    .early_breakdowns = Breakdowns within the first 12 months
    .adviser_changes_child = Changes of case adviser per child
    .school_changes_child = School changes per child
    .network = Network first
    .placed_in_network = Placed in the network
    .search_completed = Network search completed

draft =
    .restored = The form is filled in from your draft, kept
    .discard = Discard the draft
    .discard_warning = The draft's text is deleted, and this cannot be undone.
    .discard_confirm = Yes, discard the draft
    .saved = Draft kept at
    .not_saved = The draft could not be kept. Copy the text before you leave the page.

chart =
    .placements = Placements
    .visits = Visits
    .baseline = Start
    .target = Target
    .value = Value

dash_def =
    .title = How the figures are worked out
    .scope = A leader sees the placements of their units: a placement belongs to a unit when its case adviser or consultant is a member of it. The period runs from and to, both days included. "Now" is the period's last day (or today, if that is earlier); overdue work is always read today. A "–" means there is nothing to work out.
    .request_to_proposal = For placements that started in the period from an approved proposal: the median days from the request for a placement to the proposal being sent.
    .proposal_to_decision = The median days from the proposal being sent to its approval.
    .decision_to_start = The median days from the approval to the placement's start (negative when approved after the child moved in).
    .within_window = Of the supervision, support and institution visits held in the last 12 months: the share held within their window (from its opening to the deadline).
    .seen_alone = Of the supervision visits held in the last 12 months: the share where the child was spoken with alone.
    .overdue_visits = Planned visits on running placements whose deadline was before today. The figure leads to their list.
    .overdue_reviews = Planned plan reviews on running placements whose due day was before today. The figure leads to their list.
    .goals_moving = Of the active goals: the share with at least one progress entry in the last 90 days.
    .goals_achieved = Of the goals closed in the period (achieved, not achieved or dropped): the share achieved. A revised goal is not closed.
    .past_end = Short stays still running after their planned end date.
    .stay_length = For stays that ended in the period: the median of their actual length in days, and of the length first planned.
    .exit_reached = Of the ended stays with an exit goal: the share that reached it.
    .consultant_changes = Changes of responsible consultant in the period, divided by the placement-years in the period (365 placement-days make a year).
    .adviser_changes = The same for case advisers.
    .breakdowns = Placements that ended in a breakdown in the period, times 100, divided by the placement-years in the period.
    .forms = Placements by form: those running now and those started in the period, also month by month.
    .caseloads = For each consultant and adviser: the running placements they are responsible for.
    .moves_rate = For the children who entered care in the period and were in care at least 8 days: their moves in the period times 1,000, divided by their days in care in the period. Entering care is not a move; a new placement starting at most 7 days after the previous one ended is. This is the US federal indicator of placement stability (CFSR).
    .three_placements = Of the children in care now: the share who have had 3 or more placements in the last 2 years. For comparison: England 2024, 23 %.
    .same_carer = Of the children under 16 who have now been in care without a break for at least 30 months: the share who have lived in the same place for the last 24 months. For comparison: England 2024, 68 %.
    .early_breakdowns = Placements that ended in a breakdown in the period, less than 12 months after they started.
    .adviser_changes_child = Changes of case adviser in the period, divided by the number of children with a placement in the period.
    .school_changes_child = Changes of school in the period, divided by the number of children with a placement in the period. A change is counted when the adviser changes the child's school to another school on the child's page (a school entered for the first time does not count, nor a correction of the same address). Changes before Kith are not counted.
    .placed_in_network = Of the children in care now: the share living with a network family.
    .search_completed = Of the children in care now: the share whose network search is completed today (everyone in the network asked and answered, no step open, the latest contact no older than the rules' number of days, 180 by default).

allocation =
    .title = Allocate several waiting children
    .back = Waiting children
    .lead = Choose the waiting children and see the allocation over the placement options that matches best in total within the free places. Nothing is booked: each proposal is made from the child's matching.
    .choose = Choose children
    .pick = Include
    .none_waiting = No child is waiting for a placement right now.
    .start = Intended start date
    .together = Place siblings together
    .run = Find the best allocation
    .result = Suggested allocation
    .summary = { $placed ->
        [0] No child gets a place
        [one] One child gets a place, with a match of { $mean } out of 100
       *[other] { $placed } children get a place, with a mean match of { $mean } out of 100
    }
    .greedy = Taking the children one at a time, the best match first:
    .choose_one = Choose at least one child.
    .family_first = When the child's own matching recommends a foster family, the child is given a place in a family only. When the families are taken, the child is listed under "No place", for you to look at.
    .children = Child
    .option = Placement option
    .next = Next step
    .propose = Propose
    .unplaced = No place in this allocation
    .see_matches = see matching
    .books_nothing = The allocation books nothing. Places are taken only when a proposal is approved.

imports =
    .title = Import from a file
    .lead = Move the municipality's records into Kith from a spreadsheet (CSV or Excel). Check the file first: nothing is saved, and each problem is listed by row and column. An import saves only when no row has a problem.
    .options = Placement options
    .children = Children
    .options_lead = One row per placement option. The approval, the places and the target groups must be in the file; the consultant is given by e-mail.
    .children_lead = One row per child. The case adviser is given by e-mail; the CPR number is optional and never shown in a report.
    .required = Columns that must be there
    .optional = Columns that may be there
    .columns_file = Download an empty file with the columns
    .allowed = What the columns may hold
    .dates = a date is written yyyy-mm-dd (e.g. 2027-02-01)
    .list = several are separated by semicolons
    .ages = whole years from 0 to 23; from no higher than to
    .needs = needs as code:level, separated by semicolons (e.g. attachment:moderate; trauma:light)
    .file = File (CSV or Excel)
    .file_hint = The first row holds the column names, as above. At most 20 MB.
    .choose_file = Choose a file.
    .check = Check the file
    .run = Import
    .report = Result
    .row = Row
    .column = Column
    .problem = Problem
    .fix_and_again = Correct the rows in the spreadsheet and send the file again. Nothing was saved.
    .outcome_problems = { $rows ->
        [one] 1 row read
       *[other] { $rows } rows read
    }, { $problems ->
        [one] 1 problem. Nothing was saved.
       *[other] { $problems } problems. Nothing was saved.
    }
    .outcome_checked = { $rows ->
        [one] 1 row read without problems. Nothing is saved yet: press "Import" to save.
       *[other] { $rows } rows read without problems. Nothing is saved yet: press "Import" to save.
    }
    .outcome_created = { $created ->
        [one] 1 created.
       *[other] { $created } created.
    }
    .see_options = See the placement options
    .see_children = See the children

after_care =
    .title = Support after 18
    .lead = The young person is nearing 18. Decide what support there will be after the 18th birthday (after-care), and record the decision here.
    .decision = Decision on support after 18
    .choose = Choose the decision
    .save = Save the decision
    .decided_on = decided

after_care_decision =
    .continued_placement = The placement continues as after-care
    .contact_person = A fixed contact person
    .other_support = Other support
    .no_support = No support after 18

search =
    .title = Network search
    .state_empty = Nobody in the network has been asked yet. Search the network first: ask grandparents, relatives and other adults the child knows.
    .state_unfinished = The search is not finished: { $asked } of { $persons } { $persons ->
        [one] person
       *[other] people
    } asked, and { $open ->
        [0] no steps are open
        [one] 1 step is open
       *[other] { $open } steps are open
    }. Everyone needs an answer (not interested, being assessed, approved or refused).
    .state_stale = The search was finished, but it is older than { $days } days (last { $last }). Ask the network again before a placement outside it is chosen.
    .state_completed = The search is finished: { $persons ->
        [one] the one person in the network has answered
       *[other] all { $persons } people in the network have answered
    } (last { $last }).
    .no_records = No contacts recorded yet.
    .asked_on = Date
    .person = Person in the network
    .outcome = Outcome
    .reason = Reason
    .reason_hint = required for a refusal
    .next_step = Next step
    .next_step_hint = e.g. "call again" or "first meeting"
    .next_step_on = Next step by
    .asked_by = Recorded by
    .open = open
    .record = Record a contact
    .save = Save the contact
    .add_people_first = First add the people in the child's network above; then each contact can be recorded here.

network_ask_outcome =
    .not_reached = Not reached
    .unwilling = Not interested
    .willing = Interested
    .in_assessment = Being assessed
    .approved = Approved
    .refused = Refused
