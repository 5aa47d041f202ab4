import type { WesternClass } from '../../api/types.js';
import { useResources } from '../../auth/session.js';
import { LoadState, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { fieldErrors, ResourceForm, useFormState } from '../../components/form.js';
import { CoursePicker, InstitutionPicker, InstructorPicker, TermPicker, useInstitutions } from '../../components/pickers.js';
import { ResourceList } from '../../components/resource-list.js';
import { nameIn, useI18n, weekdayKey } from '../../i18n/i18n.js';

const PATH = '/coordinator/western-classes';

export function WesternClassesPage() {
  const { t, locale } = useI18n();
  const r = useResources();
  const institutions = useInstitutions();
  const byId = new Map((institutions.data ?? []).map((i) => [i.id, i]));
  return (
    <ResourceList<WesternClass>
      title="nav.westernClasses"
      path={PATH}
      searchable={false}
      load={({ page, filters }) => r.westernClasses.list({ page, institutionId: filters.institutionId || undefined })}
      filterNames={['institutionId']}
      renderFilters={(values, set) => (
        <Field label={t('common.institution')}>
          {(c) => (
            <InstitutionPicker
              control={c}
              value={values.institutionId ?? ''}
              onChange={(v) => set('institutionId', v)}
              institutions={institutions.data?.filter((i) => i.region !== 'east')}
            />
          )}
        </Field>
      )}
      columns={[
        { header: 'class.name', cell: (c) => c.name },
        { header: 'common.institution', cell: (c) => nameIn(locale, byId.get(c.institutionId)) },
        { header: 'common.discipline', cell: (c) => c.discipline },
        { header: 'class.studentsEnrolled', cell: (c) => c.studentsEnrolled },
        { header: 'class.sessionsPerWeek', cell: (c) => c.sessionsPerWeek },
        { header: 'class.allowedPeriodNames', cell: (c) => c.allowedPeriodNames.join(', ') },
      ]}
    />
  );
}

const blank: WesternClass = {
  id: '',
  institutionId: '',
  name: '',
  courseId: '',
  discipline: '',
  studentsEnrolled: 40,
  sessionsPerWeek: 1,
  durationMinutes: 95,
  termId: '',
  allowedPeriodNames: [],
  hostTeacherId: null,
};

export function WesternClassFormPage({ id }: { id: string | null }) {
  const r = useResources();
  const loaded = useLoad(() => (id ? r.westernClasses.get(id) : Promise.resolve(blank)), [id]);
  return <LoadState loaded={loaded}>{loaded.data && <WesternClassForm key={loaded.data.id} initial={loaded.data} id={id} />}</LoadState>;
}

function WesternClassForm({ initial, id }: { initial: WesternClass; id: string | null }) {
  const { t } = useI18n();
  const r = useResources();
  const institutions = useInstitutions();
  const { values, set } = useFormState(initial);
  const institution = institutions.data?.find((i) => i.id === values.institutionId);
  const periodNames = [...new Set((institution?.classPeriods ?? []).map((p) => p.name))];
  const periodTimes = (name: string) =>
    (institution?.classPeriods ?? [])
      .filter((p) => p.name === name)
      .map((p) => `${t(weekdayKey(p.weekday)).slice(0, 3)} ${p.localStart}–${p.localEnd}`)[0];
  const body = () => {
    const { id: _id, ...rest } = values;
    return { ...rest, discipline: values.discipline || undefined, hostTeacherId: values.hostTeacherId || null };
  };
  const number = (field: 'studentsEnrolled' | 'sessionsPerWeek' | 'durationMinutes', problem: Parameters<typeof fieldErrors>[0]) => (
    <Field label={t(`class.${field}`)} errors={fieldErrors(problem, field)}>
      {(c) => (
        <input
          {...c}
          type="number"
          min={1}
          value={Number.isNaN(values[field]) ? '' : values[field]}
          onChange={(e) => set(field, e.target.valueAsNumber)}
        />
      )}
    </Field>
  );
  return (
    <ResourceForm
      listPath={PATH}
      id={id}
      heading={id ? initial.name : `${t('common.new')} · ${t('nav.westernClasses')}`}
      save={() => (id ? r.westernClasses.update(id, body()) : r.westernClasses.create(body()))}
      remove={id ? () => r.westernClasses.remove(id) : undefined}
    >
      {(problem) => (
        <>
          <div className="form__row">
            <Field label={t('class.name')} errors={fieldErrors(problem, 'name')}>
              {(c) => <input {...c} value={values.name} onChange={(e) => set('name', e.target.value)} />}
            </Field>
            <Field label={t('common.institution')} errors={fieldErrors(problem, 'institutionId')}>
              {(c) => (
                <InstitutionPicker
                  control={c}
                  value={values.institutionId}
                  onChange={(v) => set('institutionId', v)}
                  institutions={institutions.data?.filter((i) => i.region !== 'east')}
                />
              )}
            </Field>
          </div>
          <div className="form__row">
            <Field label={t('class.course')} errors={fieldErrors(problem, 'courseId')}>
              {(c) => <CoursePicker control={c} value={values.courseId} onChange={(v) => set('courseId', v)} />}
            </Field>
            <Field label={t('class.term')} errors={fieldErrors(problem, 'termId')}>
              {(c) => (
                <TermPicker control={c} value={values.termId} onChange={(v) => set('termId', v)} institutionId={values.institutionId} />
              )}
            </Field>
            <Field label={t('class.hostTeacher')} errors={fieldErrors(problem, 'hostTeacherId')}>
              {(c) => (
                <InstructorPicker
                  control={c}
                  value={values.hostTeacherId ?? ''}
                  onChange={(v) => set('hostTeacherId', v || null)}
                  role="host"
                  institutionId={values.institutionId}
                />
              )}
            </Field>
          </div>
          <div className="form__row">
            <Field label={t('common.discipline')} errors={fieldErrors(problem, 'discipline')}>
              {(c) => <input {...c} value={values.discipline} onChange={(e) => set('discipline', e.target.value)} />}
            </Field>
            {number('studentsEnrolled', problem)}
            {number('sessionsPerWeek', problem)}
            {number('durationMinutes', problem)}
          </div>
          <fieldset>
            <legend>{t('class.allowedPeriodNames')}</legend>
            {fieldErrors(problem, 'allowedPeriodNames', true).map((m) => (
              <p className="field__error" key={m}>
                {m}
              </p>
            ))}
            {!institution && <p className="field__hint">{t('class.chooseInstitutionFirst')}</p>}
            <div className="checkboxes">
              {periodNames.map((name) => (
                <label key={name}>
                  <input
                    type="checkbox"
                    checked={values.allowedPeriodNames.includes(name)}
                    onChange={(e) =>
                      set(
                        'allowedPeriodNames',
                        e.target.checked ? [...values.allowedPeriodNames, name] : values.allowedPeriodNames.filter((n) => n !== name),
                      )
                    }
                  />
                  {name} <span className="muted">{periodTimes(name)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
    </ResourceForm>
  );
}
