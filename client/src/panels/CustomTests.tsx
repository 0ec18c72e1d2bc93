import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { PublicProblem } from '@duet/shared';

const MAX_CASES = 20;

interface CaseView {
  map: Y.Map<string>;
  id: string;
  name: string;
  args: string;
  expected: string;
}

/** The pad's `customTests` as plain objects, re-read on every change (collaborative). */
function useCases(array: Y.Array<Y.Map<string>>): CaseView[] {
  const read = () =>
    array
      .toArray()
      .filter((m): m is Y.Map<string> => m instanceof Y.Map)
      .map((map) => ({
        map,
        id: map.get('id') ?? '',
        name: map.get('name') ?? '',
        args: map.get('args') ?? '',
        expected: map.get('expected') ?? '',
      }));
  const [cases, setCases] = useState<CaseView[]>(read);
  useEffect(() => {
    const update = () => setCases(read());
    array.observeDeep(update);
    update();
    return () => array.unobserveDeep(update);
    // read only depends on array
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [array]);
  return cases;
}

function jsonProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export interface CustomTestsProps {
  array: Y.Array<Y.Map<string>>;
  problem: PublicProblem | null;
  readOnly: boolean;
}

/** The candidate's own test cases: JSON arguments and an optional expected value, shared live. */
export function CustomTests({ array, problem, readOnly }: CustomTestsProps) {
  const cases = useCases(array);
  const example = problem?.examples[0];
  const add = () => {
    const map = new Y.Map<string>();
    map.set('id', Math.random().toString(36).slice(2, 10));
    map.set('name', '');
    map.set('args', example ? JSON.stringify(example.args) : '[]');
    map.set('expected', '');
    array.push([map]);
  };
  const remove = (map: Y.Map<string>) => {
    const index = array.toArray().indexOf(map);
    if (index >= 0) array.delete(index, 1);
  };
  return (
    <div className="custom-tests" data-testid="custom-tests">
      <p className="muted small">
        Your own cases run with the examples on Run. Arguments are JSON
        {problem?.kind === 'class' ? ' ({ "ops": [...], "args": [[...], ...] })' : ' (an array, one element per parameter)'}. Leave
        expected empty to compare with the reference solution.
      </p>
      {cases.map((c, i) => (
        <div key={c.id || i} className="custom-case">
          <div className="custom-case-head">
            <input
              className="case-name"
              value={c.name}
              placeholder={`Case ${i + 1}`}
              disabled={readOnly}
              onChange={(e) => c.map.set('name', e.target.value)}
              aria-label="Case name"
            />
            {!readOnly && (
              <button type="button" className="link-button" onClick={() => remove(c.map)} aria-label={`Remove case ${i + 1}`}>
                Remove
              </button>
            )}
          </div>
          <label>
            <span className="muted small">Arguments</span>
            <textarea
              value={c.args}
              rows={2}
              spellCheck={false}
              disabled={readOnly}
              onChange={(e) => c.map.set('args', e.target.value)}
              data-testid={`case-args-${i}`}
            />
          </label>
          {jsonProblem(c.args) && <p className="error-text small">Not valid JSON: {jsonProblem(c.args)}</p>}
          <label>
            <span className="muted small">Expected (optional)</span>
            <textarea
              value={c.expected}
              rows={1}
              spellCheck={false}
              disabled={readOnly}
              placeholder="from the reference solution"
              onChange={(e) => c.map.set('expected', e.target.value)}
            />
          </label>
          {jsonProblem(c.expected) && <p className="error-text small">Not valid JSON: {jsonProblem(c.expected)}</p>}
        </div>
      ))}
      {!readOnly && cases.length < MAX_CASES && (
        <button type="button" className="button small secondary" onClick={add} data-testid="add-case">
          Add a case
        </button>
      )}
    </div>
  );
}
