import type { Course } from '../../api/types.js';
import { useResources } from '../../auth/session.js';
import { LoadState, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { fieldErrors, ResourceForm, useFormState } from '../../components/form.js';
import { InstitutionPicker, useInstitutions } from '../../components/pickers.js';
import { ResourceList } from '../../components/resource-list.js';
import { nameIn, useI18n } from '../../i18n/i18n.js';

const PATH = '/coordinator/courses';

export function CoursesPage() {
  const { locale } = useI18n();
  const r = useResources();
  const institutions = useInstitutions();
  const byId = new Map((institutions.data ?? []).map((i) => [i.id, i]));
  return (
    <ResourceList<Course>
      title="nav.courses"
      path={PATH}
      load={({ page, search }) => r.courses.list({ page, search })}
      columns={[
        { header: 'course.title', cell: (c) => c.title },
        { header: 'common.institution', cell: (c) => nameIn(locale, byId.get(c.institutionId)) },
        { header: 'common.discipline', cell: (c) => c.discipline },
        { header: 'course.platform', cell: (c) => c.platform },
        { header: 'course.language', cell: (c) => c.language },
      ]}
    />
  );
}

const blank: Course = { id: '', title: '', platform: '', discipline: '', language: 'zh', institutionId: '' };

export function CourseFormPage({ id }: { id: string | null }) {
  const r = useResources();
  const loaded = useLoad(() => (id ? r.courses.get(id) : Promise.resolve(blank)), [id]);
  return <LoadState loaded={loaded}>{loaded.data && <CourseForm key={loaded.data.id} initial={loaded.data} id={id} />}</LoadState>;
}

function CourseForm({ initial, id }: { initial: Course; id: string | null }) {
  const { t } = useI18n();
  const r = useResources();
  const institutions = useInstitutions({ region: 'east' });
  const { values, set } = useFormState(initial);
  const body = () => ({
    title: values.title,
    platform: values.platform,
    discipline: values.discipline,
    language: values.language,
    institutionId: values.institutionId,
  });
  return (
    <ResourceForm
      listPath={PATH}
      id={id}
      heading={id ? initial.title : `${t('common.new')} · ${t('class.course')}`}
      save={() => (id ? r.courses.update(id, body()) : r.courses.create(body()))}
      remove={id ? () => r.courses.remove(id) : undefined}
    >
      {(problem) => (
        <>
          <div className="form__row">
            <Field label={t('course.title')} errors={fieldErrors(problem, 'title')}>
              {(c) => <input {...c} value={values.title} onChange={(e) => set('title', e.target.value)} />}
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
          </div>
          <div className="form__row">
            <Field label={t('common.discipline')} errors={fieldErrors(problem, 'discipline')}>
              {(c) => <input {...c} value={values.discipline} onChange={(e) => set('discipline', e.target.value)} />}
            </Field>
            <Field label={t('course.platform')} errors={fieldErrors(problem, 'platform')}>
              {(c) => <input {...c} value={values.platform} onChange={(e) => set('platform', e.target.value)} />}
            </Field>
            <Field label={t('course.language')} errors={fieldErrors(problem, 'language')}>
              {(c) => <input {...c} value={values.language} onChange={(e) => set('language', e.target.value)} />}
            </Field>
          </div>
        </>
      )}
    </ResourceForm>
  );
}
