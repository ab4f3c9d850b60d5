# Kith: the words of e-mails, in English. No e-mail holds a name or case details.

mail =
    .footer = This e-mail holds no names or case details. You get it because work in Kith is assigned to you.
    .no_details = This e-mail holds no names or case details.
    .digest_subject = Kith: your follow-up work on { $date }
    .digest_greeting = Good morning
    .digest_intro = Your follow-up work in Kith on { $date }:
    .overdue = Overdue
    .due_within = Due in the next { $days ->
        [one] day
       *[other] { $days } days
    }
    .open_week = Open your week
    .agreements = Agreements you hold
    .network_steps = Next steps of network searches you recorded
    .covering = Items of a colleague you stand in for
    .escalation_subject = Kith: statutory work is overdue
    .escalation_greeting = To the team leader
    .escalation_intro = Statutory work in your team is more than { $days ->
        [one] one day
       *[other] { $days } days
    } overdue on { $date }:
    .once = You are told once per item.
    .open_escalated = See the items
    .first_visit_subject = Kith: first visit for new placement { $code }
    .first_visit = A new placement ({ $code }) needs its first visit: { $kind }, by { $closes } (planned for { $planned }).
    .open_visit = Open the visit
    .open_proposal = Open the proposal
    .proposal_submitted_subject = Kith: proposal #{ $id } awaits your decision
    .proposal_submitted = A placement proposal awaits your decision.
    .proposal_approved_subject = Kith: proposal #{ $id } was approved
    .proposal_approved = Your placement proposal was approved; the placement and its annual wheel are created.
    .proposal_rejected_subject = Kith: proposal #{ $id } was rejected
    .proposal_rejected = Your placement proposal was rejected. The reason is in Kith.
    .proposal_withdrawn_subject = Kith: proposal #{ $id } was withdrawn
    .proposal_withdrawn = A placement proposal that awaited your decision was withdrawn.
    .reset_subject = Kith: choose a new password
    .reset_message = An administrator sent you a link to choose a new password for Kith. It works once, for { $hours } hours.
    .reset_link = Choose a new password
    .reset_ignore = If you did not ask for this, ignore this e-mail; your password is unchanged.
    .cpr_subject = Kith: a CPR number from another case was entered
    .cpr_message = Someone in your unit tried to register a child with a CPR number that belongs to a case they have no access to. The registration was refused. See in the audit log what happened, and talk to them.
    .cpr_link = Open the audit log

calendar =
    .name = Kith: visits and reviews
    .stand_in = as stand-in
    .open = Open in Kith:
