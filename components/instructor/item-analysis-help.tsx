import {
  DEAD_DISTRACTOR_MIN_ATTEMPTS,
  LOW_DISCRIMINATION,
  MANY_GUESSED_SHARE,
  MIN_ATTEMPTS_FOR_FLAGS,
  NEAR_GUESS_MARGIN,
  TOO_EASY_FACILITY,
  VERSION_CHANGE_MIN_DIFFERENCE,
} from "@/lib/analytics/item-analysis";

/** What every number and flag on the item analysis page means, in plain words. */

const TERM = "font-semibold text-slate-900 dark:text-slate-100";
const DEFINITION = "mt-0.5 text-slate-700 dark:text-slate-200";
const pct = (value: number) => `${Math.round(value * 100)}%`;

export function ItemAnalysisHelp() {
  return (
    <section aria-labelledby="item-help-heading" className="mt-10 rounded-xl border border-slate-200 bg-white p-5 text-sm dark:border-slate-700 dark:bg-slate-800">
      <h2 id="item-help-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        What the numbers mean
      </h2>
      <p className="mt-2 text-slate-700 dark:text-slate-200">
        Every number counts <strong>first attempts only</strong>: each student&rsquo;s first answer to a question, in whichever version they saw. Later
        answers are practice, not measurement. The definitions follow Moodle&rsquo;s quiz statistics where they apply.
      </p>
      <dl className="mt-4 space-y-3">
        <div>
          <dt className={TERM}>Attempts</dt>
          <dd className={DEFINITION}>How many students&rsquo; first attempt was at this version.</dd>
        </div>
        <div>
          <dt className={TERM}>Facility</dt>
          <dd className={DEFINITION}>The share of those students who answered correctly. High means easy; low means hard.</dd>
        </div>
        <div>
          <dt className={TERM}>SD (standard deviation)</dt>
          <dd className={DEFINITION}>How much the score (1 right, 0 wrong) varies between students; largest (0.5) when half get it right.</dd>
        </div>
        <div>
          <dt className={TERM}>Guess score</dt>
          <dd className={DEFINITION}>The facility a student choosing at random would get: one over the number of options.</dd>
        </div>
        <div>
          <dt className={TERM}>Discrimination</dt>
          <dd className={DEFINITION}>
            Whether stronger students get the question right more often than weaker ones: the correlation (from −1 to 1) between the score on this
            question and the student&rsquo;s ability estimate. Practice here is adaptive, so there is no fixed test to total up; a student&rsquo;s
            ability estimate is their share correct on their first attempts at the subject&rsquo;s <em>other</em> questions (this one left out, so it
            cannot inflate itself). Students with no other first attempt have no estimate and are left out; &ldquo;of N&rdquo; says how many remain.
            Above 0.3 is good; near zero tells students apart badly; negative means stronger students tend to get it wrong. Moodle shows the same
            number multiplied by 100.
          </dd>
        </div>
        <div>
          <dt className={TERM}>Efficiency (discriminative efficiency)</dt>
          <dd className={DEFINITION}>
            Only from mock exams, where each answer has a real rest-of-test score (the share right on the exam&rsquo;s other questions). How much of
            the discrimination the question could reach, given its facility, it actually reaches: 100% if every student who got it right scored
            higher on the rest of the exam than everyone who got it wrong. A dash means no mock exam answers yet.
          </dd>
        </div>
        <div>
          <dt className={TERM}>Options: chosen, share, mean ability</dt>
          <dd className={DEFINITION}>
            On each question&rsquo;s own page (&ldquo;Options and flags&rdquo;): for each option, how many students chose it, their share of the
            attempts, and the average ability estimate of those who chose it. The key should draw the strongest students; a distractor that draws
            stronger students than the key deserves a look.
          </dd>
        </div>
      </dl>
      <h3 className="mt-6 font-semibold text-slate-900 dark:text-slate-100">Flags</h3>
      <p className="mt-1 text-slate-700 dark:text-slate-200">
        A flag is a prompt to look at the question, not a verdict. None is raised before {MIN_ATTEMPTS_FOR_FLAGS} first attempts: with fewer, chance
        alone moves the numbers too much. Each flag links to the question&rsquo;s editor.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-200">
        <li>
          <span className={TERM}>Too easy</span>: facility above {pct(TOO_EASY_FACILITY)}.
        </li>
        <li>
          <span className={TERM}>Near the guess score</span>: facility no more than {pct(NEAR_GUESS_MARGIN)} above the guess score, or below it.
        </li>
        <li>
          <span className={TERM}>Negative or near-zero discrimination</span>: below 0 or below {LOW_DISCRIMINATION.toFixed(1)}, from at least{" "}
          {MIN_ATTEMPTS_FOR_FLAGS} students with an ability estimate.
        </li>
        <li>
          <span className={TERM}>Distractor beats the key</span>: a wrong option chosen more often than the right one; check the key and the
          wording.
        </li>
        <li>
          <span className={TERM}>Dead distractor</span>: a wrong option nobody chose in {DEAD_DISTRACTOR_MIN_ATTEMPTS} or more first attempts; it
          does no work.
        </li>
        <li>
          <span className={TERM}>Many guesses</span>: {pct(MANY_GUESSED_SHARE)} or more of students said they guessed.
        </li>
        <li>
          <span className={TERM}>Changed since the previous version</span>: the facility moved by at least {pct(VERSION_CHANGE_MIN_DIFFERENCE)}{" "}
          from the previous version&rsquo;s, more than chance explains (a two-proportion test at the 1% level).
        </li>
      </ul>
    </section>
  );
}
