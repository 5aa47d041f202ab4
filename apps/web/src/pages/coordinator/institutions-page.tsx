import { useEffect, useState } from 'react';
import type { CalendarException, ClassPeriod, Institution, Region, Term, Weekday } from '../../api/types.js';
import { useResources } from '../../auth/session.js';
import { LoadState, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { fieldErrors, ResourceForm, TimeZoneOptions, useFormState } from '../../components/form.js';
import { ResourceList } from '../../components/resource-list.js';
import { nameIn, useI18n, weekdayKey } from '../../i18n/i18n.js';

const PATH = '/coordinator/institutions';
const REGIONS: Region[] = ['east', 'west', 'international'];
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export function InstitutionsPage() {
  const { t, locale } = useI18n();
  const r = useResources();
  return (
    <ResourceList<Institution>
      title="nav.institutions"
      path={PATH}
      load={({ page, search, filters }) => r.institutions.list({ page, search, region: filters.region || undefined })}
      filterNames={['region']}
      renderFilters={(values, set) => (
        <Field label={t('institution.region')}>
          {(control) => (
            <select {...control} value={values.region ?? ''} onChange={(e) => set('region', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {REGIONS.map((region) => (
                <option key={region} value={region}>
                  {t(`region.${region}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      columns={[
        { header: 'common.name', cell: (i) => nameIn(locale, i) },
        { header: 'institution.region', cell: (i) => t(`region.${i.region}`) },
        { header: 'institution.province', cell: (i) => i.province },
        { header: 'common.timeZone', cell: (i) => [i.timeZone, i.secondaryTimeZone].filter(Boolean).join(' · ') },
        { header: 'institution.localNow', cell: (i) => (i.clocks ?? []).map((c) => `${c.localTime} (UTC${c.utcOffset})`).join(' · ') },
      ]}
    />
  );
}

const blank: Omit<Institution, 'id'> = {
  nameZh: '',
  nameEn: '',
  region: 'west',
  province: '',
  timeZone: 'Asia/Shanghai',
  secondaryTimeZone: null,
  classPeriods: [],
  calendarExceptions: [],
};

export function InstitutionFormPage({ id }: { id: string | null }) {
  const r = useResources();
  const loaded = useLoad(() => (id ? r.institutions.get(id) : Promise.resolve({ id: '', ...blank })), [id]);
  return <LoadState loaded={loaded}>{loaded.data && <InstitutionForm key={loaded.data.id} initial={loaded.data} id={id} />}</LoadState>;
}

function InstitutionForm({ initial, id }: { initial: Institution; id: string | null }) {
  const { t, locale } = useI18n();
  const r = useResources();
  const { values, set } = useFormState(initial);
  const body = () => {
    const { id: _id, clocks: _clocks, ...rest } = values;
    return {
      ...rest,
      secondaryTimeZone: values.secondaryTimeZone || null,
      calendarExceptions: values.calendarExceptions.map((e) => (e.kind === 'holiday' ? { ...e, runsWeekday: undefined } : e)),
    };
  };
  const setPeriod = (index: number, change: Partial<ClassPeriod>) =>
    set(
      'classPeriods',
      values.classPeriods.map((p, i) => (i === index ? { ...p, ...change } : p)),
    );
  const setException = (index: number, change: Partial<CalendarException>) =>
    set(
      'calendarExceptions',
      values.calendarExceptions.map((e, i) => (i === index ? { ...e, ...change } : e)),
    );
  return (
    <ResourceForm
      listPath={PATH}
      id={id}
      heading={id ? nameIn(locale, initial) : `${t('common.new')} · ${t('common.institution')}`}
      save={() => (id ? r.institutions.update(id, body()) : r.institutions.create(body()))}
      remove={id ? () => r.institutions.remove(id) : undefined}
      after={id ? <TermsSection institutionId={id} /> : undefined}
    >
      {(problem) => (
        <>
          <div className="form__row">
            <Field label={t('institution.nameZh')} errors={fieldErrors(problem, 'nameZh')}>
              {(c) => <input {...c} value={values.nameZh} onChange={(e) => set('nameZh', e.target.value)} lang="zh-CN" />}
            </Field>
            <Field label={t('institution.nameEn')} errors={fieldErrors(problem, 'nameEn')}>
              {(c) => <input {...c} value={values.nameEn} onChange={(e) => set('nameEn', e.target.value)} lang="en" />}
            </Field>
          </div>
          <div className="form__row">
            <Field label={t('institution.region')} errors={fieldErrors(problem, 'region')}>
              {(c) => (
                <select {...c} value={values.region} onChange={(e) => set('region', e.target.value as Region)}>
                  {REGIONS.map((region) => (
                    <option key={region} value={region}>
                      {t(`region.${region}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('institution.province')} errors={fieldErrors(problem, 'province')}>
              {(c) => <input {...c} value={values.province} onChange={(e) => set('province', e.target.value)} />}
            </Field>
          </div>
          <div className="form__row">
            <Field label={t('institution.timeZone')} errors={fieldErrors(problem, 'timeZone')}>
              {(c) => (
                <input {...c} list="zones" value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)} autoComplete="off" />
              )}
            </Field>
            <Field label={t('institution.secondaryTimeZone')} errors={fieldErrors(problem, 'secondaryTimeZone')}>
              {(c) => (
                <input
                  {...c}
                  list="zones"
                  value={values.secondaryTimeZone ?? ''}
                  onChange={(e) => set('secondaryTimeZone', e.target.value || null)}
                  autoComplete="off"
                />
              )}
            </Field>
            <TimeZoneOptions id="zones" />
          </div>

          <fieldset>
            <legend>
              {t('institution.classPeriods')} ({values.timeZone})
            </legend>
            {fieldErrors(problem, 'classPeriods').map((m) => (
              <p className="field__error" key={m}>
                {m}
              </p>
            ))}
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('institution.periodName')}</th>
                  <th scope="col">{t('common.weekday')}</th>
                  <th scope="col">{t('common.start')}</th>
                  <th scope="col">{t('common.end')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {values.classPeriods.map((period, index) => (
                  <tr key={index}>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('institution.periodName')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `classPeriods[${index}].name`)}
                      >
                        {(c) => <input {...c} value={period.name} onChange={(e) => setPeriod(index, { name: e.target.value })} />}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('common.weekday')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `classPeriods[${index}].weekday`)}
                      >
                        {(c) => (
                          <select
                            {...c}
                            value={period.weekday}
                            onChange={(e) => setPeriod(index, { weekday: Number(e.target.value) as Weekday })}
                          >
                            {WEEKDAYS.map((d) => (
                              <option key={d} value={d}>
                                {t(weekdayKey(d))}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('common.start')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `classPeriods[${index}].localStart`)}
                      >
                        {(c) => (
                          <input
                            {...c}
                            value={period.localStart}
                            placeholder="08:00"
                            inputMode="numeric"
                            onChange={(e) => setPeriod(index, { localStart: e.target.value })}
                          />
                        )}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('common.end')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `classPeriods[${index}].localEnd`)}
                      >
                        {(c) => (
                          <input
                            {...c}
                            value={period.localEnd}
                            placeholder="09:35"
                            inputMode="numeric"
                            onChange={(e) => setPeriod(index, { localEnd: e.target.value })}
                          />
                        )}
                      </Field>
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() =>
                          set(
                            'classPeriods',
                            values.classPeriods.filter((_, i) => i !== index),
                          )
                        }
                      >
                        {t('common.remove')}
                        <span className="visually-hidden"> {period.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() => set('classPeriods', [...values.classPeriods, { name: '', weekday: 1, localStart: '', localEnd: '' }])}
            >
              {t('institution.addPeriod')}
            </button>
          </fieldset>

          <fieldset>
            <legend>{t('institution.calendarExceptions')}</legend>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('institution.exceptionKind')}</th>
                  <th scope="col">{t('institution.runsWeekday')}</th>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {values.calendarExceptions.map((exception, index) => (
                  <tr key={index}>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('common.date')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `calendarExceptions[${index}].localDate`)}
                      >
                        {(c) => (
                          <input
                            {...c}
                            type="date"
                            value={exception.localDate}
                            onChange={(e) => setException(index, { localDate: e.target.value })}
                          />
                        )}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('institution.exceptionKind')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `calendarExceptions[${index}].kind`)}
                      >
                        {(c) => (
                          <select
                            {...c}
                            value={exception.kind}
                            onChange={(e) => setException(index, { kind: e.target.value as CalendarException['kind'] })}
                          >
                            <option value="holiday">{t('institution.holiday')}</option>
                            <option value="makeup">{t('institution.makeup')}</option>
                          </select>
                        )}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('institution.runsWeekday')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `calendarExceptions[${index}].runsWeekday`)}
                      >
                        {(c) => (
                          <select
                            {...c}
                            disabled={exception.kind !== 'makeup'}
                            value={exception.runsWeekday ?? ''}
                            onChange={(e) =>
                              setException(index, { runsWeekday: e.target.value ? (Number(e.target.value) as Weekday) : null })
                            }
                          >
                            <option value="">{t('common.none')}</option>
                            {WEEKDAYS.map((d) => (
                              <option key={d} value={d}>
                                {t(weekdayKey(d))}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    </td>
                    <td>
                      <Field
                        label={<span className="visually-hidden">{`${t('common.name')} ${index + 1}`}</span>}
                        errors={fieldErrors(problem, `calendarExceptions[${index}].name`)}
                      >
                        {(c) => <input {...c} value={exception.name} onChange={(e) => setException(index, { name: e.target.value })} />}
                      </Field>
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() =>
                          set(
                            'calendarExceptions',
                            values.calendarExceptions.filter((_, i) => i !== index),
                          )
                        }
                      >
                        {t('common.remove')}
                        <span className="visually-hidden"> {exception.localDate}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() => set('calendarExceptions', [...values.calendarExceptions, { localDate: '', kind: 'holiday', name: '' }])}
            >
              {t('institution.addException')}
            </button>
          </fieldset>
        </>
      )}
    </ResourceForm>
  );
}

/** The institution's terms, each a date range in the institution's own calendar. */
function TermsSection({ institutionId }: { institutionId: string }) {
  const { t, date } = useI18n();
  const r = useResources();
  const terms = useLoad(() => r.terms.all({ institutionId }), [institutionId]);
  const [draft, setDraft] = useState<Omit<Term, 'id'>>({ institutionId, name: '', startLocalDate: '', endLocalDate: '' });
  const adding = useAction(() => r.terms.create(draft));
  const removing = useAction((id: string) => r.terms.remove(id));
  useEffect(() => setDraft((d) => ({ ...d, institutionId })), [institutionId]);
  return (
    <section aria-labelledby="terms-heading" className="subsection">
      <h2 id="terms-heading">{t('institution.terms')}</h2>
      <LoadState loaded={terms}>
        <ul>
          {(terms.data ?? []).map((term) => (
            <li key={term.id}>
              {term.name}: {date(term.startLocalDate)} – {date(term.endLocalDate)}{' '}
              <button type="button" onClick={async () => (await removing.run(term.id), terms.reload())}>
                {t('common.delete')}
                <span className="visually-hidden"> {term.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </LoadState>
      <ProblemAlert problem={adding.problem ?? removing.problem} />
      <form
        className="form__row"
        aria-label={t('institution.newTerm')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (await adding.run()) {
            setDraft({ institutionId, name: '', startLocalDate: '', endLocalDate: '' });
            terms.reload();
          }
        }}
        noValidate
      >
        <Field label={t('term.name')} errors={fieldErrors(adding.problem, 'name')}>
          {(c) => <input {...c} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label={t('term.startLocalDate')} errors={fieldErrors(adding.problem, 'startLocalDate')}>
          {(c) => (
            <input
              {...c}
              type="date"
              value={draft.startLocalDate}
              onChange={(e) => setDraft({ ...draft, startLocalDate: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('term.endLocalDate')} errors={fieldErrors(adding.problem, 'endLocalDate')}>
          {(c) => (
            <input {...c} type="date" value={draft.endLocalDate} onChange={(e) => setDraft({ ...draft, endLocalDate: e.target.value })} />
          )}
        </Field>
        <button type="submit">{t('institution.newTerm')}</button>
      </form>
    </section>
  );
}
