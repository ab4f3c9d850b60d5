//! Where an item goes: a person's capacity and days off, the days of a window best first, and
//! the change an item's new day makes (create, update, keep or cancel).

use super::*;

impl<'a> Planner<'a> {
    pub(super) fn capacity(&self, user: UserId) -> i32 {
        self.staff
            .get(&user)
            .and_then(|s| s.weekly_capacity)
            .unwrap_or(self.input.rules.weekly_capacity)
    }

    pub(super) fn is_off(&self, user: UserId, date: NaiveDate) -> bool {
        self.staff
            .get(&user)
            .is_some_and(|s| s.days_off.contains(&date))
    }

    /// Visits already on a person's day.
    pub(super) fn day_load(&self, user: UserId, date: NaiveDate) -> i32 {
        self.day_load.get(&(user, date)).copied().unwrap_or(0)
    }

    /// Whether one more visit fits both the person's week and the day.
    pub(super) fn has_room(&self, user: UserId, date: NaiveDate) -> bool {
        self.load
            .get(&(user, date.iso_week()))
            .copied()
            .unwrap_or(0)
            < self.capacity(user)
            && self.day_load(user, date) < self.input.rules.daily_capacity.max(1)
    }

    pub(super) fn add_load(
        &mut self,
        kind: VisitKind,
        placement: PlacementId,
        user: UserId,
        date: NaiveDate,
    ) {
        if kind.uses_capacity() {
            *self.load.entry((user, date.iso_week())).or_default() += 1;
            *self.day_load.entry((user, date)).or_default() += 1;
            if let Some(area) = self.input.areas.get(&placement) {
                self.day_areas
                    .entry((user, date))
                    .or_default()
                    .insert((*area, placement));
            }
        }
    }

    /// Whether the person already visits another placement in `area` on `date` (two visits
    /// to one family on one day would undo the spreading of its visits over the year).
    pub(super) fn visits_area(
        &self,
        user: UserId,
        date: NaiveDate,
        (area, placement): (Area, PlacementId),
    ) -> bool {
        self.day_areas
            .get(&(user, date))
            .is_some_and(|a| a.iter().any(|(x, p)| *x == area && *p != placement))
    }

    /// A day in the window with room on which the person already visits the job's area; never
    /// for a catch-up, whose every day of waiting is a day more overdue.
    fn day_in_same_area(&self, job: &Job<'_>, candidates: &[NaiveDate]) -> Option<NaiveDate> {
        let area = *self.input.areas.get(&job.placement)?;
        if !job.kind.uses_capacity() || job.slot.closes_on < self.input.today {
            return None;
        }
        let user = job.assignee;
        candidates.iter().copied().find(|d| {
            self.usable(user, *d)
                && self.has_room(user, *d)
                && self.visits_area(user, *d, (area, job.placement))
        })
    }

    pub(super) fn usable(&self, user: UserId, date: NaiveDate) -> bool {
        self.input.calendar.is_working_day(date) && !self.is_off(user, date)
    }

    pub(super) fn fits_apart_from_capacity(&self, job: &Job<'_>, day: NaiveDate) -> bool {
        let v = job.existing.expect("fit is asked of existing items");
        let today = self.input.today;
        v.assignee == job.assignee
            && (job.slot.contains(day) || job.slot.closes_on < today)
            && day >= today
            && self.usable(job.assignee, day)
            && v.flag != Some(PlanFlag::NoWorkingDay)
    }

    /// The days an item may go on, best first.
    pub(super) fn candidates(&self, job: &Job<'_>) -> Vec<NaiveDate> {
        let today = self.input.today;
        let slot = &job.slot;
        if slot.closes_on < today {
            // Catch-up: as soon as possible, and before a stay ends.
            return (0..=CATCH_UP_DAYS)
                .map(|d| today + Days::new(d))
                .take_while(|d| job.last_day.is_none_or(|e| *d <= e))
                .collect();
        }
        let from = slot.opens_on.max(today);
        let mut days: Vec<NaiveDate> = from
            .iter_days()
            .take_while(|d| *d <= slot.closes_on)
            .collect();
        days.sort_by_key(|d| ((*d - slot.due_on).num_days().abs(), *d));
        days
    }

    pub(super) fn room_in_window(&self, job: &Job<'_>) -> bool {
        self.candidates(job)
            .into_iter()
            .any(|d| self.usable(job.assignee, d) && self.has_room(job.assignee, d))
    }

    pub(super) fn place(&mut self, job: Job<'a>) {
        let candidates = self.candidates(&job);
        let user = job.assignee;
        let uses_capacity = job.kind.uses_capacity();
        let chosen =
            self.day_in_same_area(&job, &candidates)
                .or_else(|| {
                    candidates.iter().copied().find(|d| {
                        self.usable(user, *d) && (!uses_capacity || self.has_room(user, *d))
                    })
                })
                .map(|d| (d, None))
                .or_else(|| {
                    // Still no room for an item already flagged over capacity: it keeps its
                    // day, so re-planning does not reshuffle the overflow.
                    job.existing
                        .filter(|v| v.flag == Some(PlanFlag::OverCapacity) && v.assignee == user)
                        .map(|v| v.planned_on)
                        .filter(|d| candidates.contains(d) && self.usable(user, *d))
                        .map(|d| (d, Some(PlanFlag::OverCapacity)))
                })
                .or_else(|| {
                    // No room anywhere: the overflow is flagged and spread over the least
                    // loaded days, not stacked on the first one (for a catch-up: today).
                    candidates
                        .iter()
                        .copied()
                        .enumerate()
                        .filter(|(_, d)| self.usable(user, *d))
                        .min_by_key(|(i, d)| (self.day_load(user, *d), *i))
                        .map(|(_, d)| (d, Some(PlanFlag::OverCapacity)))
                })
                .or_else(|| {
                    let after = candidates
                        .iter()
                        .max()
                        .copied()
                        .unwrap_or(job.slot.closes_on);
                    (1..=LOOK_PAST_WINDOW_DAYS)
                        .map(|n| after + Days::new(n))
                        .find(|d| self.usable(user, *d))
                        .map(|d| (d, Some(PlanFlag::NoWorkingDay)))
                })
                .unwrap_or((job.slot.due_on, Some(PlanFlag::NoWorkingDay)));
        let (day, flag) = chosen;
        self.add_load(job.kind, job.placement, user, day);
        match job.existing {
            None => self.changes.push(PlanChange::Create(NewVisit {
                placement: job.placement,
                kind: job.kind,
                window: job.slot,
                planned_on: day,
                assignee: user,
                flag,
            })),
            Some(v) => self.update_if_changed(v, job.slot, day, user, flag),
        }
    }

    pub(super) fn keep(&mut self, job: Job<'a>, flag: Option<PlanFlag>) {
        let v = job.existing.expect("kept jobs are existing");
        self.update_if_changed(v, job.slot, v.planned_on, job.assignee, flag);
    }

    pub(super) fn update_if_changed(
        &mut self,
        v: &ExistingVisit,
        window: Window,
        planned_on: NaiveDate,
        assignee: UserId,
        flag: Option<PlanFlag>,
    ) {
        if v.window != window
            || v.planned_on != planned_on
            || v.assignee != assignee
            || v.flag != flag
        {
            self.changes.push(PlanChange::Update(VisitUpdate {
                id: v.id,
                window,
                planned_on,
                assignee,
                flag,
            }));
        }
    }

    pub(super) fn cancel(&mut self, id: VisitId, reason: CancelReason) {
        self.changes.push(PlanChange::Cancel { id, reason });
    }
}
