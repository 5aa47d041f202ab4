import type { Course, Institution, Instructor, Term } from '../api/types.js';
import { useResources } from '../auth/session.js';
import { nameIn, useI18n } from '../i18n/i18n.js';
import { useLoad } from './common.js';
import type { ControlProps } from './field.js';

type Choice = { id: string; label: string };

function Picker({
  control,
  value,
  onChange,
  choices,
  allowEmpty = true,
}: {
  control: ControlProps;
  value: string;
  onChange: (id: string) => void;
  choices: Choice[] | undefined;
  allowEmpty?: boolean;
}) {
  const { t } = useI18n();
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {allowEmpty && <option value="">{t('common.choose')}</option>}
      {(choices ?? []).map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** Choice lists for forms: every record of a kind, labelled in the reader's language. */
export function useInstitutions(query: Record<string, string | undefined> = {}) {
  const r = useResources();
  return useLoad<Institution[]>(() => r.institutions.all(query), [JSON.stringify(query)]);
}

export function InstitutionPicker(props: {
  control: ControlProps;
  value: string;
  onChange: (id: string) => void;
  institutions: Institution[] | undefined;
}) {
  const { locale } = useI18n();
  return <Picker {...props} choices={props.institutions?.map((i) => ({ id: i.id, label: nameIn(locale, i) }))} />;
}

export function TermPicker(props: { control: ControlProps; value: string; onChange: (id: string) => void; institutionId?: string }) {
  const r = useResources();
  const terms = useLoad<Term[]>(() => r.terms.all({ institutionId: props.institutionId || undefined }), [props.institutionId]);
  return (
    <Picker
      {...props}
      choices={terms.data?.map((term) => ({ id: term.id, label: `${term.name} (${term.startLocalDate} – ${term.endLocalDate})` }))}
    />
  );
}

export function CoursePicker(props: { control: ControlProps; value: string; onChange: (id: string) => void }) {
  const r = useResources();
  const courses = useLoad<Course[]>(() => r.courses.all(), []);
  return <Picker {...props} choices={courses.data?.map((c) => ({ id: c.id, label: c.title }))} />;
}

export function InstructorPicker(props: {
  control: ControlProps;
  value: string;
  onChange: (id: string) => void;
  role?: 'instructor' | 'host';
  institutionId?: string;
}) {
  const r = useResources();
  const people = useLoad<Instructor[]>(
    () => r.instructors.all({ role: props.role, institutionId: props.institutionId || undefined }),
    [props.role, props.institutionId],
  );
  return <Picker {...props} choices={people.data?.map((p) => ({ id: p.id, label: p.name }))} />;
}
