import type { Course, Instructor, Pairing, PairingStatus, WesternClass } from '../../api/types.js';
import { programRoles } from '../../auth/roles.js';
import { useResources, useSession } from '../../auth/session.js';
import { LoadState, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { fieldErrors, ResourceForm, useFormState } from '../../components/form.js';
import { CoursePicker, InstructorPicker, TermPicker } from '../../components/pickers.js';
import { ResourceList } from '../../components/resource-list.js';
import { useI18n } from '../../i18n/i18n.js';
import { ProposalsSection } from './proposals-section.js';

const PATH = '/coordinator/pairings';
const STATUSES: PairingStatus[] = ['proposed', 'confirmed', 'ended'];

export function PairingsPage() {
  const { t } = useI18n();
  const role = useSession().session!.user.role;
  const r = useResources();
  const people = useLoad<Instructor[]>(() => r.instructors.all({ role: 'instructor' }), []);
  const courses = useLoad<Course[]>(() => r.courses.all(), []);
  const classes = useLoad<WesternClass[]>(() => r.westernClasses.all(), []);
  const confirm = useAction((pairing: Pairing) => r.pairings.update(pairing.id, { status: 'confirmed' }));
  const name = <T extends { id: string }>(list: T[] | undefined, id: string, label: (item: T) => string) => {
    const found = list?.find((item) => item.id === id);
    return found ? label(found) : '…';
  };
  return (
    <>
      <ProblemAlert problem={confirm.problem} />
      <ResourceList<Pairing>
        key={String(confirm.busy)}
        title="nav.pairings"
        path={PATH}
        searchable={false}
        load={({ page, filters }) => r.pairings.list({ page, status: filters.status || undefined })}
        filterNames={['status']}
        renderFilters={(values, set) => (
          <Field label={t('common.status')}>
            {(c) => (
              <select {...c} value={values.status ?? ''} onChange={(e) => set('status', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`pairing.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        columns={[
          { header: 'pairing.instructor', cell: (p) => name(people.data, p.instructorId, (i) => i.name) },
          { header: 'pairing.course', cell: (p) => name(courses.data, p.courseId, (c) => c.title) },
          { header: 'pairing.classes', cell: (p) => p.westernClassIds.map((id) => name(classes.data, id, (c) => c.name)).join('; ') },
          { header: 'common.status', cell: (p) => t(`pairing.status.${p.status}`), nowrap: true },
          {
            header: 'common.actions',
            nowrap: true,
            cell: (p) =>
              p.status === 'proposed' ? (
                <button type="button" onClick={() => void confirm.run(p)} disabled={confirm.busy}>
                  {t('pairing.confirm')}
                </button>
              ) : null,
          },
        ]}
      />
      {programRoles.includes(role) && <ProposalsSection />}
    </>
  );
}

const blank: Pairing = { id: '', instructorId: '', courseId: '', termId: '', westernClassIds: [], status: 'proposed' };

export function PairingFormPage({ id }: { id: string | null }) {
  const r = useResources();
  const loaded = useLoad(() => (id ? r.pairings.get(id) : Promise.resolve(blank)), [id]);
  return <LoadState loaded={loaded}>{loaded.data && <PairingForm key={loaded.data.id} initial={loaded.data} id={id} />}</LoadState>;
}

function PairingForm({ initial, id }: { initial: Pairing; id: string | null }) {
  const { t } = useI18n();
  const r = useResources();
  const { values, set } = useFormState(initial);
  const classes = useLoad<WesternClass[]>(
    () => (values.courseId ? r.westernClasses.all({ courseId: values.courseId }) : Promise.resolve([])),
    [values.courseId],
  );
  const body = () => ({
    instructorId: values.instructorId,
    courseId: values.courseId,
    termId: values.termId,
    westernClassIds: values.westernClassIds,
    status: values.status,
  });
  return (
    <ResourceForm
      listPath={PATH}
      id={id}
      heading={id ? t('nav.pairings') : `${t('common.new')} · ${t('nav.pairings')}`}
      save={() => (id ? r.pairings.update(id, body()) : r.pairings.create(body()))}
      remove={id ? () => r.pairings.remove(id) : undefined}
    >
      {(problem) => (
        <>
          <div className="form__row">
            <Field label={t('pairing.instructor')} errors={fieldErrors(problem, 'instructorId')}>
              {(c) => (
                <InstructorPicker control={c} value={values.instructorId} onChange={(v) => set('instructorId', v)} role="instructor" />
              )}
            </Field>
            <Field label={t('pairing.course')} errors={fieldErrors(problem, 'courseId')}>
              {(c) => <CoursePicker control={c} value={values.courseId} onChange={(v) => set('courseId', v)} />}
            </Field>
            <Field label={t('pairing.term')} errors={fieldErrors(problem, 'termId')}>
              {(c) => <TermPicker control={c} value={values.termId} onChange={(v) => set('termId', v)} />}
            </Field>
            <Field label={t('common.status')} errors={fieldErrors(problem, 'status')}>
              {(c) => (
                <select {...c} value={values.status} onChange={(e) => set('status', e.target.value as PairingStatus)}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`pairing.status.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset>
            <legend>{t('pairing.classes')}</legend>
            {fieldErrors(problem, 'westernClassIds', true).map((m) => (
              <p className="field__error" key={m}>
                {m}
              </p>
            ))}
            <div className="checkboxes">
              {(classes.data ?? []).map((c) => (
                <label key={c.id}>
                  <input
                    type="checkbox"
                    checked={values.westernClassIds.includes(c.id)}
                    onChange={(e) =>
                      set(
                        'westernClassIds',
                        e.target.checked ? [...values.westernClassIds, c.id] : values.westernClassIds.filter((x) => x !== c.id),
                      )
                    }
                  />
                  {c.name}
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
    </ResourceForm>
  );
}
