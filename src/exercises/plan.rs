//! The integration plan: after a retreat, short daily check-ins and a deeper exercise each
//! week for ninety days, with look-backs one day, one week, one month and three months after
//! the retreat ends. The Today view shows what is due and what was done; there are no streaks
//! and nothing is "missed": a slot that passes simply passes.
//!
//! The plan (the retreat's end date and which exercises) is kept in the store's settings. The
//! schedule is computed, never stored, from the plan and the day, so changing the plan changes
//! the schedule at once; what was done is read from the journal's exercise entries.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::commitments::{CommitmentView, due_commitments};
use super::drafts::{Draft, Drafts};
use super::letters::{Letter, letters_due};
use super::support::{SupportNote, support_note};
use super::{Catalogue, LibraryError, Pack, Role};
use crate::journal::{AnswerQuery, EntryId, Journal};
use crate::vault::settings::Setting;

/// The pack whose "exercises" step holds the weekly exercises a person chose.
const PLAN_PACK: &str = "integration-plan";
const PLAN_STEP: &str = "exercises";

/// How many days after the retreat the plan schedules check-ins and weekly exercises.
pub const PLAN_DAYS: u64 = 90;

/// Days after the retreat's end when the plan asks for a look back.
pub const REVIEW_DAYS: [u64; 4] = [1, 7, 30, 90];

/// How long the last look-back stays on the Today view.
const LAST_REVIEW_WINDOW: u64 = 14;

/// The pack of the daily check-in unless the plan names another.
pub const DEFAULT_DAILY: &str = "nervous-system-checkin";
/// The pack of the look-backs.
pub const REVIEW_PACK: &str = "integration-review";
/// The weekly exercises, in turn, unless the person chose their own in the integration plan.
/// Deep exercises (shadow work, patterns) are never in it: a person opts into them in the
/// integration plan, where each says when it is better not done alone.
pub const DEFAULT_WEEKLY: [&str; 4] = ["boundaries", "reciprocity", "relationship-health", "community"];

/// The shortest exercise the plan takes as a weekly one: shorter ones suit a day, not a week.
pub const WEEKLY_MIN_MINUTES: u16 = 8;

/// Whether `pack` can be one of the plan's weekly exercises: a deeper exercise that is not one
/// of the plan's own (making the plan, looking back).
pub fn is_weekly_choice(pack: &Pack) -> bool {
    pack.minutes() >= WEEKLY_MIN_MINUTES
        && !pack.has_role(Role::IntegrationPlan)
        && !pack.has_role(Role::IntegrationReview)
}

/// The packs a person can choose as weekly exercises, in catalogue order.
pub fn weekly_choices(catalogue: &Catalogue) -> Vec<PackChoice> {
    catalogue
        .packs()
        .filter(|p| is_weekly_choice(p))
        .map(|p| PackChoice {
            id: p.id().to_string(),
            title: p.title().to_owned(),
            deep: p.depth() == super::Depth::Deep,
        })
        .collect()
}

/// A pack offered as a choice: its id and its title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackChoice {
    pub id: String,
    pub title: String,
    /// A deep exercise: offered, never in the default round; the person opts in.
    pub deep: bool,
}

/// A person's integration plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    /// The last day of the retreat; the plan starts the day after.
    pub retreat_end: NaiveDate,
    /// The pack of the short daily check-in.
    pub daily: String,
    /// The deeper exercises, one a week, in turn.
    pub weekly: Vec<String>,
    /// How often the short check-in is suggested, as the person answered in the integration
    /// plan ("daily" for plans kept before the question was followed).
    #[serde(default)]
    pub rhythm: Rhythm,
}

/// How often the plan suggests the short check-in: the integration plan's `rhythm` answer,
/// whose option ids these are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Rhythm {
    /// A check-in every day.
    #[default]
    Daily,
    /// Offered every day, with nothing counted on the days it is not done.
    MostDays,
    /// Three times a week: days 1–2, 3–4 and 5–7 of each plan week.
    FewTimesAWeek,
    /// Once in each plan week.
    Weekly,
}

impl Rhythm {
    /// The rhythm an answer id names.
    pub fn parse(id: &str) -> Option<Rhythm> {
        match id {
            "daily" => Some(Rhythm::Daily),
            "most-days" => Some(Rhythm::MostDays),
            "few-times-a-week" => Some(Rhythm::FewTimesAWeek),
            "weekly" => Some(Rhythm::Weekly),
            _ => None,
        }
    }

    /// The check-in's window that holds `day` of a plan week (0–6), as (first, last) offsets
    /// within the week.
    fn window(self, day_of_week: u64) -> (u64, u64) {
        match self {
            Rhythm::Daily | Rhythm::MostDays => (day_of_week, day_of_week),
            Rhythm::FewTimesAWeek => match day_of_week {
                0 | 1 => (0, 1),
                2 | 3 => (2, 3),
                _ => (4, 6),
            },
            Rhythm::Weekly => (0, 6),
        }
    }
}

/// What a slot on the Today view is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SlotKind {
    Daily,
    Weekly,
    Review,
}

/// Something the plan suggests for a span of days, and whether it was done in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Slot {
    pub kind: SlotKind,
    pub pack_id: String,
    pub title: String,
    pub minutes: u16,
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The entry that did it, if one did.
    pub done: Option<EntryId>,
}

/// One look-back of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDay {
    /// Days after the retreat's end.
    pub after_days: u32,
    pub day: NaiveDate,
    pub done: Option<EntryId>,
}

/// An exercise done on the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoneToday {
    pub entry_id: EntryId,
    pub pack_id: String,
    pub title: String,
}

/// Everything the Today view shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    pub today: NaiveDate,
    pub plan: Option<Plan>,
    /// Days since the retreat ended (1 on the first day after it), while a plan exists.
    pub plan_day: Option<i64>,
    /// What the plan suggests today or this week.
    pub slots: Vec<Slot>,
    pub reviews: Vec<ReviewDay>,
    /// Commitments whose review day has come.
    pub commitments: Vec<CommitmentView>,
    pub done_today: Vec<DoneToday>,
    /// Exercises started and not finished.
    pub drafts: Vec<Draft>,
    /// Letters to oneself whose month has come.
    pub letters: Vec<Letter>,
    /// The gentle note when alarm has stayed high across check-ins.
    pub support: Option<SupportNote>,
    /// How many days a plan runs ([`PLAN_DAYS`]).
    pub plan_days: u32,
    /// The days after the retreat when a plan looks back ([`REVIEW_DAYS`]).
    pub review_days: Vec<u32>,
    /// What a plan can take as weekly exercises ([`weekly_choices`]).
    pub weekly_choices: Vec<PackChoice>,
}

/// The plan kept in the vault, if there is one.
pub fn plan(journal: &Journal<'_>) -> Result<Option<Plan>, LibraryError> {
    journal
        .settings()
        .get(Setting::IntegrationPlan)
        .map_err(crate::journal::JournalError::from)?
        .map(|text| serde_json::from_str(&text).map_err(|e| LibraryError::PlanUnreadable(e.to_string())))
        .transpose()
}

/// Keeps a plan after checking that its exercises exist.
pub fn set_plan(journal: &Journal<'_>, catalogue: &Catalogue, plan: &Plan) -> Result<(), LibraryError> {
    if plan.weekly.is_empty() {
        return Err(LibraryError::PlanWithoutWeekly);
    }
    for id in std::iter::once(&plan.daily).chain(&plan.weekly) {
        if catalogue.get(id).is_none() {
            return Err(LibraryError::PlanUnknownPack { id: id.clone() });
        }
    }
    let text = serde_json::to_string(plan)?;
    journal.settings().set(Setting::IntegrationPlan, Some(&text)).map_err(crate::journal::JournalError::from)?;
    Ok(())
}

/// Ends the plan. Entries made under it stay as they are.
pub fn clear_plan(journal: &Journal<'_>) -> Result<(), LibraryError> {
    journal.settings().set(Setting::IntegrationPlan, None).map_err(crate::journal::JournalError::from)?;
    Ok(())
}

/// A plan for a retreat that ended on `retreat_end`: the daily check-in, and as weekly
/// exercises the ones the person chose in their latest integration-plan exercise (leaving out
/// the short daily ones), or a default round of five.
pub fn suggested_plan(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    retreat_end: NaiveDate,
) -> Result<Plan, LibraryError> {
    let query = AnswerQuery { exercise: Some(PLAN_PACK), step: Some(PLAN_STEP), ..AnswerQuery::default() };
    let chosen: Vec<String> = journal
        .exercise_entries_answering(query)?
        .iter()
        .rev()
        .find_map(|e| match super::commitments::stored_answers(e)?.get(PLAN_STEP)? {
            super::Answer::Multiple(ids) => Some(ids.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let weekly: Vec<String> = chosen.into_iter().filter(|id| catalogue.get(id).is_some_and(is_weekly_choice)).collect();
    let weekly = if weekly.is_empty() { DEFAULT_WEEKLY.map(str::to_owned).to_vec() } else { weekly };
    Ok(Plan { retreat_end, daily: DEFAULT_DAILY.to_owned(), weekly, rhythm: chosen_rhythm(journal)? })
}

/// The rhythm the person chose in their latest integration-plan exercise that answered it.
pub fn chosen_rhythm(journal: &Journal<'_>) -> Result<Rhythm, LibraryError> {
    for entry in journal.entries_of_pack("integration-plan", 20)? {
        if let Some(super::Answer::Single(id)) =
            super::commitments::stored_answers(&entry).and_then(|a| a.get("rhythm").cloned())
        {
            return Ok(Rhythm::parse(&id).unwrap_or_default());
        }
    }
    Ok(Rhythm::default())
}

/// What is due on `today`, what was done, and the commitments and drafts waiting.
/// `w` gives the support note its words.
pub fn agenda(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    today: NaiveDate,
    w: &crate::i18n::Words,
) -> Result<Agenda, LibraryError> {
    let plan = plan(journal)?;
    let mut slots = Vec::new();
    let mut reviews = Vec::new();
    let mut plan_day = None;
    if let Some(plan) = &plan {
        plan_day = Some((today - plan.retreat_end).num_days());
        let done_from = plan.retreat_end.min(today);
        let done_until = plan.retreat_end.checked_add_days(Days::new(PLAN_DAYS + LAST_REVIEW_WINDOW)).unwrap_or(today);
        let done = journal.exercise_days(done_from, done_until.max(today))?;
        let first_done = |pack: &str, from: NaiveDate, until: NaiveDate| {
            done.iter().find(|(p, day, _)| p == pack && (from..=until).contains(day)).map(|(_, _, id)| *id)
        };
        for (kind, pack_id, from, until) in schedule(plan, today) {
            let Some(pack) = catalogue.get(&pack_id) else { continue };
            let done = first_done(&pack_id, from, until);
            slots.push(Slot {
                kind,
                title: pack.title().to_owned(),
                minutes: pack.minutes(),
                done,
                pack_id,
                from,
                until,
            });
        }
        for (after_days, (from, until)) in review_windows(plan.retreat_end) {
            let done = first_done(REVIEW_PACK, from, until);
            reviews.push(ReviewDay { after_days: u32::try_from(after_days).unwrap_or(u32::MAX), day: from, done });
        }
    }
    let done_today = journal
        .exercise_days(today, today)?
        .into_iter()
        .map(|(pack_id, _, entry_id)| DoneToday {
            title: catalogue.get(&pack_id).map_or_else(|| pack_id.clone(), |p| p.title().to_owned()),
            entry_id,
            pack_id,
        })
        .collect();
    Ok(Agenda {
        today,
        plan,
        plan_day,
        slots,
        reviews,
        commitments: due_commitments(journal, today)?,
        done_today,
        drafts: Drafts::new(journal).list()?,
        letters: letters_due(journal, today)?,
        support: support_note(journal, catalogue, w)?,
        plan_days: days(PLAN_DAYS),
        review_days: REVIEW_DAYS.map(days).to_vec(),
        weekly_choices: weekly_choices(catalogue),
    })
}

/// The plan's slots that include `today`: (kind, pack id, first day, last day).
pub fn schedule(plan: &Plan, today: NaiveDate) -> Vec<(SlotKind, String, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let day = (today - plan.retreat_end).num_days();
    let in_plan = u64::try_from(day).is_ok_and(|d| (1..=PLAN_DAYS).contains(&d));
    if in_plan {
        let week = u64::try_from(day - 1).unwrap_or(0) / 7;
        let (first, last) = plan.rhythm.window(u64::try_from(day - 1).unwrap_or(0) % 7);
        let checkin_from = add(plan.retreat_end, 1 + 7 * week + first);
        let checkin_until = add(plan.retreat_end, (1 + 7 * week + last).min(PLAN_DAYS));
        out.push((SlotKind::Daily, plan.daily.clone(), checkin_from, checkin_until));
        let from = add(plan.retreat_end, 1 + 7 * week);
        let until = add(plan.retreat_end, (7 + 7 * week).min(PLAN_DAYS));
        let turn = usize::try_from(week).unwrap_or(0) % plan.weekly.len().max(1);
        if let Some(pack) = plan.weekly.get(turn) {
            out.push((SlotKind::Weekly, pack.clone(), from, until));
        }
    }
    for (_, (from, until)) in review_windows(plan.retreat_end) {
        if (from..=until).contains(&today) {
            out.push((SlotKind::Review, REVIEW_PACK.to_owned(), from, until));
        }
    }
    out
}

/// Each look-back's days: from its day until the day before the next one (the last for two
/// weeks).
fn review_windows(retreat_end: NaiveDate) -> Vec<(u64, (NaiveDate, NaiveDate))> {
    REVIEW_DAYS
        .iter()
        .enumerate()
        .map(|(i, &after)| {
            let until = REVIEW_DAYS.get(i + 1).map_or(after + LAST_REVIEW_WINDOW - 1, |next| next - 1);
            (after, (add(retreat_end, after), add(retreat_end, until)))
        })
        .collect()
}

fn days(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn add(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn plan() -> Plan {
        Plan {
            retreat_end: day("2026-03-01"),
            daily: "daily".into(),
            weekly: vec!["a".into(), "b".into()],
            rhythm: Rhythm::Daily,
        }
    }

    fn checkin(plan: &Plan, today: &str) -> (NaiveDate, NaiveDate) {
        let slots = schedule(plan, day(today));
        let daily = slots.iter().find(|s| s.0 == SlotKind::Daily).expect("a check-in slot in the plan");
        (daily.2, daily.3)
    }

    #[test]
    fn the_default_weekly_round_is_the_weekly_choices_without_the_deep_ones() {
        let catalogue = Catalogue::builtin().unwrap();
        let light: Vec<String> = weekly_choices(&catalogue)
            .into_iter()
            .filter(|c| catalogue.get(&c.id).is_some_and(|p| p.depth() == super::super::Depth::Light))
            .map(|c| c.id)
            .collect();
        assert_eq!(light, DEFAULT_WEEKLY, "every light weekly choice is in the default round, and nothing else");
        let deep: Vec<String> = weekly_choices(&catalogue)
            .into_iter()
            .filter(|c| catalogue.get(&c.id).is_some_and(|p| p.depth() == super::super::Depth::Deep))
            .map(|c| c.id)
            .collect();
        assert_eq!(deep, ["patterns", "shadow-work"], "deep packs stay choosable, opt-in");
    }

    #[test]
    fn a_daily_rhythm_suggests_the_check_in_each_day() {
        assert_eq!(checkin(&plan(), "2026-03-04"), (day("2026-03-04"), day("2026-03-04")));
        let most = Plan { rhythm: Rhythm::MostDays, ..plan() };
        assert_eq!(checkin(&most, "2026-03-04"), (day("2026-03-04"), day("2026-03-04")));
    }

    #[test]
    fn a_few_times_a_week_rhythm_gives_three_windows_a_week() {
        let few = Plan { rhythm: Rhythm::FewTimesAWeek, ..plan() };
        // Week one runs 2–8 March: windows 2–3, 4–5 and 6–8.
        assert_eq!(checkin(&few, "2026-03-02"), (day("2026-03-02"), day("2026-03-03")));
        assert_eq!(checkin(&few, "2026-03-03"), (day("2026-03-02"), day("2026-03-03")));
        assert_eq!(checkin(&few, "2026-03-05"), (day("2026-03-04"), day("2026-03-05")));
        assert_eq!(checkin(&few, "2026-03-08"), (day("2026-03-06"), day("2026-03-08")));
        assert_eq!(checkin(&few, "2026-03-09"), (day("2026-03-09"), day("2026-03-10")), "week two starts again");
    }

    #[test]
    fn a_weekly_rhythm_suggests_one_check_in_a_week_cut_at_day_ninety() {
        let weekly = Plan { rhythm: Rhythm::Weekly, ..plan() };
        assert_eq!(checkin(&weekly, "2026-03-05"), (day("2026-03-02"), day("2026-03-08")));
        assert_eq!(
            checkin(&weekly, "2026-05-30"),
            (day("2026-05-25"), day("2026-05-30")),
            "the last week ends on day 90"
        );
    }

    #[test]
    fn a_plan_kept_before_the_rhythm_was_followed_reads_as_daily() {
        let old = r#"{"retreat_end":"2026-03-01","daily":"d","weekly":["w"]}"#;
        let plan: Plan = serde_json::from_str(old).unwrap();
        assert_eq!(plan.rhythm, Rhythm::Daily);
        assert_eq!(Rhythm::parse("few-times-a-week"), Some(Rhythm::FewTimesAWeek));
        assert_eq!(Rhythm::parse("now-and-then"), None);
    }

    #[test]
    fn nothing_is_scheduled_on_the_retreats_last_day() {
        assert!(schedule(&plan(), day("2026-03-01")).is_empty());
        assert!(schedule(&plan(), day("2026-02-20")).is_empty());
    }

    #[test]
    fn the_first_day_has_a_check_in_the_first_weekly_exercise_and_the_first_look_back() {
        let slots = schedule(&plan(), day("2026-03-02"));
        assert_eq!(
            slots,
            vec![
                (SlotKind::Daily, "daily".into(), day("2026-03-02"), day("2026-03-02")),
                (SlotKind::Weekly, "a".into(), day("2026-03-02"), day("2026-03-08")),
                (SlotKind::Review, REVIEW_PACK.into(), day("2026-03-02"), day("2026-03-07")),
            ]
        );
    }

    #[test]
    fn weekly_exercises_take_turns_and_look_backs_follow_their_days() {
        // Day 8 is the first of week two, and the one-week look-back.
        let slots = schedule(&plan(), day("2026-03-09"));
        assert_eq!(slots[1], (SlotKind::Weekly, "b".into(), day("2026-03-09"), day("2026-03-15")));
        assert_eq!(slots[2], (SlotKind::Review, REVIEW_PACK.into(), day("2026-03-08"), day("2026-03-30")));
        // Week three comes back to the first exercise.
        assert_eq!(schedule(&plan(), day("2026-03-16"))[1].1, "a");
    }

    #[test]
    fn the_plan_ends_after_ninety_days_and_the_last_look_back_stays_two_weeks() {
        let last = day("2026-05-30"); // 90 days after 1 March
        let kinds: Vec<SlotKind> = schedule(&plan(), last).into_iter().map(|s| s.0).collect();
        assert_eq!(kinds, vec![SlotKind::Daily, SlotKind::Weekly, SlotKind::Review]);
        // The last week is cut at day 90.
        assert_eq!(schedule(&plan(), last)[1].3, last);
        let after = schedule(&plan(), day("2026-06-05"));
        assert_eq!(after, vec![(SlotKind::Review, REVIEW_PACK.into(), last, day("2026-06-12"))]);
        assert!(schedule(&plan(), day("2026-06-13")).is_empty());
    }
}
