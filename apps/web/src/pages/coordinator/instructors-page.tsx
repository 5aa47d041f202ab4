import type { Instructor } from '../../api/types.js';
import { useResources } from '../../auth/session.js';
import { LoadState, splitList, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { fieldErrors, ResourceForm, TimeZoneOptions, useFormState } from '../../components/form.js';
import { InstitutionPicker, useInstitutions } from '../../components/pickers.js';
import { ResourceList } from '../../components/resource-list.js';
import { WeekGrid } from '../../components/week-grid.js';
import { nameIn, useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/hash-router.js';

const PATH = '/coordinator/instructors';

export function InstructorsPage() {
  const { t, locale } = useI18n();
  const r = useResources();
  const institutions = useInstitutions();
  const byId = new Map((institutions.data ?? []).map((i) => [i.id, i]));
  return (
    <ResourceList<Instructor>
      title="nav.instructors"
      path={PATH}
      load={({ page, search, filters }) =>
        r.instructors.list({ page, search, role: filters.role || undefined, discipline: filters.discipline || undefined })
      }
      filterNames={['role', 'discipline']}
      renderFilters={(values, set) => (
        <>
          <Field label={t('instructor.role')}>
            {(c) => (
              <select {...c} value={values.role ?? ''} onChange={(e) => set('role', e.target.value)}>
                <option value="">{t('common.all')}</option>
                <option value="instructor">{t('instructor.role.instructor')}</option>
                <option value="host">{t('instructor.role.host')}</option>
              </select>
            )}
          </Field>
          <Field label={t('common.discipline')}>
            {(c) => <input {...c} value={values.discipline ?? ''} onChange={(e) => set('discipline', e.target.value)} />}
          </Field>
        </>
      )}
      columns={[
        { header: 'common.name', cell: (p) => p.name },
        { header: 'common.institution', cell: (p) => nameIn(locale, byId.get(p.institutionId)) },
        { header: 'instructor.role', cell: (p) => t(`instructor.role.${p.role}`) },
        { header: 'instructor.disciplines', cell: (p) => p.disciplines.join(', ') },
        { header: 'common.timeZone', cell: (p) => p.timeZone },
        {
          header: 'nav.timetable',
          cell: (p) => (
            <Link to="/teacher/calendar" query={{ instructorId: p.id }}>
              {t('nav.timetable')}
              <span className="visually-hidden"> {p.name}</span>
            </Link>
          ),
        },
      ]}
    />
  );
}

const blank: Instructor = {
  id: '',
  name: '',
  institutionId: '',
  role: 'instructor',
  disciplines: [],
  languages: ['zh'],
  timeZone: '',
  availability: [],
  unavailableLocalDates: [],
  maxSessionsPerDay: 2,
  maxSessionsPerWeek: 8,
  maxSessionsPerTerm: 120,
};

export function InstructorFormPage({ id }: { id: string | null }) {
  const r = useResources();
  const loaded = useLoad(() => (id ? r.instructors.get(id) : Promise.resolve(blank)), [id]);
  return <LoadState loaded={loaded}>{loaded.data && <InstructorForm key={loaded.data.id} initial={loaded.data} id={id} />}</LoadState>;
}

function InstructorForm({ initial, id }: { initial: Instructor; id: string | null }) {
  const { t } = useI18n();
  const r = useResources();
  const institutions = useInstitutions();
  const { values, set } = useFormState({
    ...initial,
    disciplinesText: initial.disciplines.join(', '),
    languagesText: initial.languages.join(', '),
    awayText: initial.unavailableLocalDates.join(', '),
  });
  const institution = institutions.data?.find((i) => i.id === values.institutionId);
  const zone = values.timeZone || institution?.timeZone || 'Asia/Shanghai';
  const body = () => ({
    name: values.name,
    institutionId: values.institutionId,
    role: values.role,
    disciplines: splitList(values.disciplinesText),
    languages: splitList(values.languagesText),
    ...(values.timeZone ? { timeZone: values.timeZone } : {}),
    availability: values.availability,
    unavailableLocalDates: splitList(values.awayText),
    maxSessionsPerDay: values.maxSessionsPerDay,
    maxSessionsPerWeek: values.maxSessionsPerWeek,
    maxSessionsPerTerm: values.maxSessionsPerTerm,
  });
  return (
    <ResourceForm
      listPath={PATH}
      id={id}
      heading={id ? initial.name : `${t('common.new')} · ${t('pairing.instructor')}`}
      save={() => (id ? r.instructors.update(id, body()) : r.instructors.create(body()))}
      remove={id ? () => r.instructors.remove(id) : undefined}
    >
      {(problem) => (
        <>
          <div className="form__row">
            <Field label={t('common.name')} errors={fieldErrors(problem, 'name')}>
              {(c) => <input {...c} value={values.name} onChange={(e) => set('name', e.target.value)} />}
            </Field>
            <Field label={t('common.institution')} errors={fieldErrors(problem, 'institutionId')}>
              {(c) => (
                <InstitutionPicker
                  control={c}
                  value={values.institutionId}
                  onChange={(v) => set('institutionId', v)}
                  institutions={institutions.data}
                />
              )}
            </Field>
            <Field label={t('instructor.role')} errors={fieldErrors(problem, 'role')}>
              {(c) => (
                <select {...c} value={values.role} onChange={(e) => set('role', e.target.value as Instructor['role'])}>
                  <option value="instructor">{t('instructor.role.instructor')}</option>
                  <option value="host">{t('instructor.role.host')}</option>
                </select>
              )}
            </Field>
          </div>
          <div className="form__row">
            <Field label={t('instructor.disciplines')} hint={t('common.listSeparator')} errors={fieldErrors(problem, 'disciplines', true)}>
              {(c) => <input {...c} value={values.disciplinesText} onChange={(e) => set('disciplinesText', e.target.value)} />}
            </Field>
            <Field label={t('instructor.languages')} hint={t('common.listSeparator')} errors={fieldErrors(problem, 'languages', true)}>
              {(c) => <input {...c} value={values.languagesText} onChange={(e) => set('languagesText', e.target.value)} />}
            </Field>
            <Field label={t('instructor.timeZone')} errors={fieldErrors(problem, 'timeZone')}>
              {(c) => (
                <input
                  {...c}
                  list="zones"
                  value={values.timeZone}
                  placeholder={institution?.timeZone}
                  onChange={(e) => set('timeZone', e.target.value)}
                  autoComplete="off"
                />
              )}
            </Field>
            <TimeZoneOptions id="zones" />
          </div>
          <fieldset>
            <legend id="availability-legend">
              {t('instructor.availability')} ({zone})
            </legend>
            <p className="field__hint">{t('instructor.availabilityHelp', { zone })}</p>
            {fieldErrors(problem, 'availability', true).map((m) => (
              <p className="field__error" key={m}>
                {m}
              </p>
            ))}
            <WeekGrid
              windows={values.availability}
              onChange={(windows) => set('availability', windows)}
              zone={zone}
              labelledBy="availability-legend"
            />
          </fieldset>
          <div className="form__row">
            <Field
              label={t('instructor.unavailableLocalDates')}
              hint={t('common.listSeparator')}
              errors={fieldErrors(problem, 'unavailableLocalDates', true)}
            >
              {(c) => <input {...c} value={values.awayText} onChange={(e) => set('awayText', e.target.value)} />}
            </Field>
          </div>
          <div className="form__row">
            {(['maxSessionsPerDay', 'maxSessionsPerWeek', 'maxSessionsPerTerm'] as const).map((field) => (
              <Field key={field} label={t(`instructor.${field}`)} errors={fieldErrors(problem, field)}>
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
            ))}
          </div>
        </>
      )}
    </ResourceForm>
  );
}
