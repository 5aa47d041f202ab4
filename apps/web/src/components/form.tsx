import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiProblem } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, navigate, useRoute } from '../router/hash-router.js';
import { Notice, PageHeading, ProblemAlert, useAction } from './common.js';

/** A form's values, with a setter per field. */
export function useFormState<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(field: K, value: T[K]) => setValues((previous) => ({ ...previous, [field]: value })), []);
  return { values, set, setValues };
}

/** Messages the API gave for one field (and, with `nested`, for anything inside it). */
export const fieldErrors = (problem: ApiProblem | undefined, field: string, nested = false): string[] =>
  problem?.messagesFor(field, nested) ?? [];

/**
 * The frame of a create/edit page: heading, the API's problem summary, save and delete. After a
 * create it moves to the new record's page; validation messages stay next to their fields.
 */
export function ResourceForm<T extends { id: string }>(props: {
  listPath: string;
  heading: ReactNode;
  id: string | null;
  save: () => Promise<T>;
  remove?: () => Promise<void>;
  children: (problem: ApiProblem | undefined) => ReactNode;
  after?: ReactNode;
}) {
  const { t } = useI18n();
  const route = useRoute();
  const [notice, setNotice] = useState<string | null>(route.query.get('saved') ? t('common.saved') : null);
  const saving = useAction(props.save);
  const removing = useAction(async () => {
    await props.remove?.();
    return true;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const saved = await saving.run();
    if (!saved) return;
    setNotice(t('common.saved'));
    if (!props.id) navigate(`${props.listPath}/${saved.id}`, { saved: '1' });
  };
  const onDelete = async () => {
    if (!window.confirm(t('common.confirmDelete', { name: String(props.heading) }))) return;
    if (await removing.run()) navigate(props.listPath);
  };
  const problem = saving.problem ?? removing.problem;
  return (
    <section>
      <PageHeading actions={<Link to={props.listPath}>{t('common.back')}</Link>}>{props.heading}</PageHeading>
      <ProblemAlert problem={problem} />
      {notice && <Notice>{notice}</Notice>}
      <form className="form" onSubmit={submit} noValidate>
        {props.children(saving.problem)}
        <div className="form__actions">
          <button type="submit" className="button--primary" disabled={saving.busy}>
            {t('common.save')}
          </button>
          {props.id && props.remove && (
            <button type="button" className="button--danger" onClick={onDelete} disabled={removing.busy}>
              {t('common.delete')}
            </button>
          )}
        </div>
      </form>
      {props.after}
    </section>
  );
}

/** Every IANA zone this browser knows, for a zone field's suggestions. */
export function TimeZoneOptions({ id }: { id: string }) {
  const zones = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [
    'Asia/Shanghai',
    'Asia/Urumqi',
    'Europe/London',
  ];
  return (
    <datalist id={id}>
      {[...new Set(['Asia/Shanghai', 'Asia/Urumqi', ...zones])].map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
