import type * as Y from 'yjs';
import {
  PRIVATE,
  RECOMMENDATIONS,
  SCORECARD_AREAS,
  SCORECARD_LABELS,
  type Recommendation,
  type SignalEntry,
} from '@duet/shared';
import { TextEditor } from '../editor/TextEditor';
import { useYMap } from '../room/yhooks';
import { SignalList } from './SignalList';

const RECOMMENDATION_TEXT: Record<Recommendation, string> = {
  'strong-no': 'Strong no',
  no: 'No',
  yes: 'Yes',
  'strong-yes': 'Strong yes',
};
const SCORE_TEXT = ['', 'Weak', 'Mixed', 'Good', 'Strong'];

export interface InterviewerPanelProps {
  privateDoc: Y.Doc;
  signals: SignalEntry[];
  startedAt: number | null;
}

/** Only in the `private` document: the interviewers' notes and scorecard, and the session's signals. */
export function InterviewerPanel({ privateDoc, signals, startedAt }: InterviewerPanelProps) {
  const scorecard = privateDoc.getMap<unknown>(PRIVATE.scorecard);
  const values = useYMap(scorecard);
  return (
    <div className="interviewer-panel" data-testid="interviewer-panel">
      <p className="muted small">Only interviewers see this tab. Everything here is saved as you type and shared with other interviewers of this room.</p>
      <h3>Your notes</h3>
      <div className="private-notes">
        <TextEditor text={privateDoc.getText(PRIVATE.notes)} awareness={null} readOnly={false} testId="private-notes" />
      </div>
      <h3>Scorecard</h3>
      <div className="scorecard" data-testid="scorecard">
        {SCORECARD_AREAS.map((area) => {
          const score = values[`${area}.score`] as number | undefined;
          return (
            <fieldset key={area} className="score-area">
              <legend>{SCORECARD_LABELS[area]}</legend>
              <div className="score-buttons" role="radiogroup" aria-label={SCORECARD_LABELS[area]}>
                {[1, 2, 3, 4].map((n) => (
                  <button
                    key={n}
                    type="button"
                    role="radio"
                    aria-checked={score === n}
                    className={score === n ? 'score selected' : 'score'}
                    onClick={() => scorecard.set(`${area}.score`, n)}
                    title={SCORE_TEXT[n]}
                    data-testid={`score-${area}-${n}`}
                  >
                    {n}
                  </button>
                ))}
                <span className="muted small">{score ? SCORE_TEXT[score] : 'not scored'}</span>
              </div>
              <textarea
                rows={2}
                placeholder="Evidence: what did you see?"
                value={(values[`${area}.comment`] as string | undefined) ?? ''}
                onChange={(e) => scorecard.set(`${area}.comment`, e.target.value)}
              />
            </fieldset>
          );
        })}
        <label className="recommendation">
          Overall recommendation
          <select
            value={(values.recommendation as string | undefined) ?? ''}
            onChange={(e) => scorecard.set('recommendation', e.target.value)}
            data-testid="recommendation"
          >
            <option value="">Not decided</option>
            {RECOMMENDATIONS.map((r) => (
              <option key={r} value={r}>
                {RECOMMENDATION_TEXT[r]}
              </option>
            ))}
          </select>
        </label>
        <textarea
          rows={3}
          placeholder="Summary for the hiring team"
          value={(values.summary as string | undefined) ?? ''}
          onChange={(e) => scorecard.set('summary', e.target.value)}
        />
      </div>
      <h3>Signals</h3>
      <SignalList signals={signals} startedAt={startedAt} empty="No large pastes, no time away from the tab." />
    </div>
  );
}
