# Attune's core words in English: the reference catalogue. Every other locale has exactly these
# messages, with the same variables (a test checks). Plurals use Fluent's plural categories.

days-with-entry = { $count ->
    [one] { $count } day with an entry
   *[other] { $count } days with an entry
}

## Shown with every exercise, in summaries and in exports.

exercise-disclaimer = Attune's exercises are a reflection aid. They are not therapy, diagnosis or a crisis service. If you are in danger or might harm yourself, contact your local emergency services now, or find a crisis line near you at findahelpline.com.

## The catalogue's shelves.

theme-shadow = Shadow work
theme-boundaries = Boundaries
theme-reciprocity = Giving and receiving
theme-nervous-system = Body and nervous system
theme-relationships = Relationships
theme-patterns = Patterns
theme-gratitude = Gratitude
theme-integration = Integration

## Dates, as chrono patterns (%-d day, %B month, %b short month, %A weekday, %Y year).

date-long = %-d %B %Y
date-short = %-d %b %Y
date-day-month = %-d %B
date-weekday = %A %-d %B %Y

## Moods (1 to 5) and checklist marks.

mood-1 = very low
mood-2 = low
mood-3 = steady
mood-4 = good
mood-5 = very good
mark-yes = yes
mark-sometimes = sometimes
mark-no = no

## The PDF summary.

summary-kicker-range = Attune · summary
summary-kicker-person = Attune · one relationship
summary-kicker-integration = Attune · integration
summary-title-range = My reflections
summary-title-person = My relationship with { $person }
summary-title-integration = My integration period
summary-after-dates-integration = , from the last day of the retreat to { $days } days after it
summary-nothing-yet = Nothing written yet
summary-made = Made with Attune on { $date }.
summary-footer = Attune · { $dates }
summary-made-by-writer = This summary was made by the person who wrote these entries, who chose what it includes.
summary-count-entries = { $count ->
    [one] entry
   *[other] entries
}
summary-count-journal = { $count ->
    [one] journal entry
   *[other] journal entries
}
summary-count-exercises = { $count ->
    [one] exercise
   *[other] exercises
}
summary-count-days = { $count ->
    [one] day with an entry
   *[other] days with an entry
}
summary-weekly-line = the line is the mean of each week
summary-basis = { $count ->
    [one] from 1 entry
   *[other] from { $count } entries
}
summary-mood = mood: { $mood }
summary-page = Page
summary-of = of
summary-no-entries = There are no entries in this period.
summary-practised = What was practised
summary-exercise = Exercise
summary-times = Times
summary-first = First
summary-latest = Latest
summary-scores = Scores
summary-scores-note = Each score describes a set of answers, not a person. It is shown as a place on its range, with the exercise's own words.
summary-score = Score
summary-sessions = Sessions
summary-earliest = Earliest
summary-over-time = Over time
summary-suggest = What the entries suggest
summary-suggest-note = Tentative observations from the answers, each with how many entries it rests on. They describe how things felt to the person writing, never anyone else.
summary-from-exercises = From the exercises
summary-journal = Journal

## The printable recovery sheet. The 24 words stay in English in every language: they are the key.

recovery-title = Attune recovery sheet
recovery-page = Page
recovery-of = of
recovery-heading = Your recovery phrase
recovery-intro = These 24 words open your Attune vault if you ever forget your passphrase. Keep this sheet somewhere safe and private, like a locked drawer or with your important papers.
recovery-for-heading = What it is for
recovery-for-anyone = Anyone who has these words can open your journal, with or without your passphrase.
recovery-for-forgot = If you forget your passphrase, choose “Forgot it? Use your recovery phrase” when unlocking (or run attune recover in a terminal), enter the words in order, and set a new passphrase.
recovery-for-change = Changing your passphrase does not change these words.
recovery-safe-heading = Keep it safe
recovery-safe-paper = Keep it on paper, away from your computer. Do not photograph it or store it in the cloud, in email or in a notes app.
recovery-safe-only-attune = Type these words only into Attune, never into a website, a form or a message, and never read them out to anyone who asks for them. Attune will never ask for them anywhere else.
recovery-safe-seen = If someone may have seen them, export your journal, create a new vault (with new words), and import it there.
recovery-made-on = Made on

## The help panel ("Need help now?"), around the numbers of assets/help/contacts.toml.

help-emergency-fallback = your local emergency number
help-directory-note = A free directory of crisis lines and support services in many countries, checked by the people who run it.

## Insights: what the entries suggest, always tentative and about how things felt to the writer.

contact-after = After { $meetings ->
    [one] 1 meeting
   *[other] { $meetings } meetings
} with { $person }, your body noted more ease than alarm after { $calm } of them and more alarm than ease after { $tense }.
contact-before = Before meeting, more ease than alarm { $calm ->
    [one] 1 time
   *[other] { $calm } times
} of { $meetings }.
contact-shift = From before to after, your body settled during { $eased ->
    [one] 1 meeting
   *[other] { $eased } meetings
} and was stirred during { $stirred }.
contact-not-a-judgement = This is how these meetings land in you, not a judgement of { $person }.
cooccurrence-low-mood = In { $count } of { $of } { $kind ->
    [tag] entries tagged #{ $name }
   *[person] entries about { $name }
} your mood was low, against { $percent }% of all entries with a mood. They came together; that is not to say one caused the other.
cooccurrence-good-mood = In { $count } of { $of } { $kind ->
    [tag] entries tagged #{ $name }
   *[person] entries about { $name }
} your mood was good, against { $percent }% of all entries with a mood.
cooccurrence-high-alarm = In { $count } of { $of } { $kind ->
    [tag] check-ins tagged #{ $name }
   *[person] check-ins about { $name }
} your body noted a lot of alarm, against { $percent }% of all check-ins.
reciprocity-lean = In { $count } of your last { $of } reflections that said which way it leans, { $lean ->
    [i-give-more] you felt you were giving more than you received with { $person }
    [they-give-more] you felt { $person } was giving more than you were
    [it-shifts] you felt it shifts back and forth
   *[about-even] you felt it was about even
}.
reciprocity-not-a-verdict = It describes how it has felt to you, not who { $person } is.
reciprocity-changed = In your { $count ->
    [one] reflection
   *[other] { $count } reflections
} on giving and receiving with { $person }, the earlier ones mostly read “{ $earlier }” and the recent ones “{ $recent }”.
reciprocity-steady = In your { $count ->
    [one] reflection
   *[other] { $count } reflections
} on giving and receiving with { $person }, it has mostly read “{ $words }”, earlier and recently alike.
reciprocity-so-far = { $count ->
    [one] One reflection
   *[other] { $count } reflections
} on giving and receiving with { $person } so far; the latest reads “{ $words }”. A trend shows after a few more.

## The gentle note when the body stays stirred across check-ins.

support-often = In { $count } of your last { $of } check-ins, your body noted a lot of alarm, or you felt on your own with it. That is a lot to carry alone. It may be a good moment to reach out to someone you trust, the people who led your retreat, or a professional.
support-now = Your body is still stirred as you finish. You don't have to carry that alone: someone you trust, the people who led your retreat, or a professional can help.

## Check-in words and body areas.

checkin-calm = calm
checkin-relaxed = relaxed
checkin-safe = safe
checkin-anxious = anxious
checkin-tense = tense
checkin-obsessive = caught in loops
body-head = head
body-jaw = jaw
body-throat = throat
body-chest = chest
body-stomach = stomach
body-shoulders = shoulders
body-back = back
body-hands = hands
body-legs = legs

## The Markdown export of an exercise entry.

export-scores = Scores
export-score-value = { $value } of { $max }
export-scale-value = { $value } on { $min } ({ $min_label }) to { $max } ({ $max_label })
export-checkin-value = { $dimension } { $value } of 4
export-felt-in = felt in: { $areas }
export-commitment = { $intention } (to look at again after { $days ->
    [one] 1 day
   *[other] { $days } days
})

## The app's own file dialogs and tray menu.

dialog-vault-folder = Where should Attune keep your vault?
dialog-backup-folder = Where should automatic backups go?
dialog-backup = Attune backup
dialog-restore-folder = Where should the restored vault live?
dialog-json-export = Attune JSON export
dialog-markdown-folder = Where should the Markdown export go?
dialog-journal-export = Journal export
dialog-pdf-summary = PDF summary
dialog-recovery-sheet = Recovery sheet
dialog-pdf = PDF
dialog-import-pack = Import an exercise pack
dialog-attach = Add a photo or file
dialog-sync-folder = Which folder should carry your journal's changes between computers?
dialog-join-folder = Which sync folder holds the journal to join?
tray-open = Open Attune
tray-quit = Quit

## Starting texts for free writing, offered in the app and by `attune template list`.

template-morning-pages = Morning pages
template-morning-pages-body =
    Three pages, by hand or by keyboard, before the day begins. Whatever comes, without stopping to fix it.

    This morning I notice…
template-three-good-things = Three good things
template-three-good-things-body =
    Three things that went well today, and why they went well.

    1.
    2.
    3.
template-hard-conversation = After a hard conversation
template-hard-conversation-body =
    Who was it with, and what was it about?

    What did I feel in my body, during and after?

    What did I need that I did or did not say?

    What would I like to happen next?
