import { useState } from 'react';
import type { Institution, Term } from '../../api/types.js';
import { useApi, useResources } from '../../auth/session.js';
import { Notice, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { nameIn, useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';

interface PairRef {
  westernClassId: string;
  instructorId: string;
}

interface Score {
  fit: number;
  overlap: number;
  continuity: number;
  reach: number;
  loadShare: number;
  total: number;
  overlapMinutesPerWeek: number;
  usableSlotsPerWeek: number;
}

interface Proposal {
  instructorId: string;
  instructorName: string;
  courseId: string;
  termId: string;
  westernClasses: { id: string; name: string }[];
  pinned: boolean;
  sessionsPerWeek: number;
  score: Score;
}

interface Proposals {
  method: string;
  objective: number;
  proposals: Proposal[];
  unassigned: { westernClassId: string; name: string; reason: string }[];
}

const parts: (keyof Score)[] = ['fit', 'overlap', 'continuity', 'reach', 'loadShare', 'overlapMinutesPerWeek', 'usableSlotsPerWeek'];
const refsOf = (p: Proposal): PairRef[] => p.westernClasses.map((c) => ({ westernClassId: c.id, instructorId: p.instructorId }));
const same = (a: PairRef, b: PairRef) => a.westernClassId === b.westernClassId && a.instructorId === b.instructorId;

/**
 * The pairing engine's proposals for a western term, each with its score breakdown. Pinning keeps
 * a pair whatever its score, forbidding rules it out; both re-run the proposal. Confirming saves
 * the pairing as confirmed. Nothing else is saved.
 */
export function ProposalsSection() {
  const { t, locale, number } = useI18n();
  const api = useApi();
  const r = useResources();
  const [termId, setTermId] = useState('');
  const [pins, setPins] = useState<PairRef[]>([]);
  const [forbids, setForbids] = useState<PairRef[]>([]);
  // Names to show a forbidden pair by, remembered from the proposal it was forbidden from.
  const [names, setNames] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const terms = useLoad<{ terms: Term[]; institutions: Map<string, Institution> }>(async () => {
    const [terms, institutions] = await Promise.all([r.terms.all(), r.institutions.all()]);
    return { terms, institutions: new Map(institutions.map((i) => [i.id, i])) };
  }, []);
  const propose = useAction((next: { pins: PairRef[]; forbids: PairRef[] }) =>
    api.post<Proposals>('/scheduling/pairing-proposals', { termId, ...next }),
  );
  const [result, setResult] = useState<Proposals | null>(null);
  const run = async (next = { pins, forbids }) => {
    setPins(next.pins);
    setForbids(next.forbids);
    setNotice(null);
    const answer = await propose.run(next);
    if (answer) setResult(answer);
  };
  const confirm = useAction(async (p: Proposal) => {
    await r.pairings.create({
      instructorId: p.instructorId,
      courseId: p.courseId,
      termId: p.termId,
      westernClassIds: p.westernClasses.map((c) => c.id),
      status: 'confirmed',
    });
    setNotice(t('pairing.confirmed'));
  });
  const westernTerms = (terms.data?.terms ?? []).filter((term) => terms.data?.institutions.get(term.institutionId)?.region !== 'east');
  return (
    <section aria-labelledby="proposals-heading" className="subsection">
      <h2 id="proposals-heading">{t('pairing.proposals')}</h2>
      <form
        className="form__row"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <Field label={t('pairing.term')} errors={propose.problem?.messagesFor('termId') ?? []}>
          {(c) => (
            <select {...c} value={termId} onChange={(e) => setTermId(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {westernTerms.map((term) => (
                <option key={term.id} value={term.id}>
                  {t('schedule.termLabel', {
                    institution: nameIn(locale, terms.data?.institutions.get(term.institutionId)),
                    term: term.name,
                  })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={!termId || propose.busy}>
          {t('pairing.propose')}
        </button>
      </form>
      <ProblemAlert problem={propose.problem ?? confirm.problem} />
      {notice && <Notice>{notice}</Notice>}
      {result && (
        <>
          <p>{t('pairing.objective', { value: number(result.objective), method: result.method })}</p>
          <table className="table table--compact" data-testid="proposals">
            <thead>
              <tr>
                <th scope="col">{t('pairing.instructor')}</th>
                <th scope="col">{t('pairing.classes')}</th>
                <th scope="col">{t('pairing.score')}</th>
                <th scope="col">{t('pairing.breakdown')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {result.proposals.map((p) => {
                const pinned = refsOf(p).every((ref) => pins.some((pin) => same(pin, ref)));
                return (
                  <tr key={`${p.instructorId}-${p.westernClasses.map((c) => c.id).join()}`}>
                    <th scope="row">
                      {p.instructorName}
                      {p.pinned && <span className="badge"> · {t('pairing.pinned')}</span>}
                    </th>
                    <td>{p.westernClasses.map((c) => c.name).join('; ')}</td>
                    <td>{number(p.score.total, 2)}</td>
                    <td>
                      <dl className="breakdown">
                        {parts.map((part) => (
                          <div key={part}>
                            <dt>{t(`pairing.score.${part}` as MessageKey)}</dt>
                            <dd>{number(p.score[part], 2)}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        aria-pressed={pinned}
                        onClick={() =>
                          void run({
                            pins: pinned ? pins.filter((pin) => !refsOf(p).some((ref) => same(pin, ref))) : [...pins, ...refsOf(p)],
                            forbids,
                          })
                        }
                      >
                        {pinned ? t('pairing.unpin') : t('pairing.pin')}
                        <span className="visually-hidden"> {p.instructorName}</span>
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void run({
                            pins: pins.filter((pin) => !refsOf(p).some((ref) => same(pin, ref))),
                            forbids: [...forbids, ...refsOf(p)],
                          })
                        }
                      >
                        {t('pairing.forbid')}
                        <span className="visually-hidden"> {p.instructorName}</span>
                      </button>
                      <button type="button" className="button--primary" onClick={() => void confirm.run(p)} disabled={confirm.busy}>
                        {t('pairing.confirm')}
                        <span className="visually-hidden"> {p.instructorName}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {forbids.length > 0 && (
            <>
              <h3>{t('pairing.forbidden')}</h3>
              <ul>
                {forbids.map((f) => (
                  <li key={`${f.instructorId}-${f.westernClassId}`}>
                    {names[`${f.instructorId}|${f.westernClassId}`] ?? `${f.instructorId} × ${f.westernClassId}`}{' '}
                    <button type="button" onClick={() => void run({ pins, forbids: forbids.filter((x) => !same(x, f)) })}>
                      {t('pairing.allow')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.unassigned.length > 0 && (
            <>
              <h3>{t('pairing.unassigned')}</h3>
              <ul>
                {result.unassigned.map((u) => (
                  <li key={u.westernClassId}>
                    {u.name}: {u.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
