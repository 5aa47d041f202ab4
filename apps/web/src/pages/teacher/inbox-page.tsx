import { useState } from 'react';
import type { Instructor, Page } from '../../api/types.js';
import { useApi, useResources, useSession } from '../../auth/session.js';
import { LoadState, PageHeading, Pager, useLoad } from '../../components/common.js';
import { useI18n } from '../../i18n/i18n.js';

interface InboxMessage {
  id: string;
  subject: string;
  body: string;
  sessionId: string;
  createdAt: string;
  readAt: string | null;
}

/** The in-app inbox: reminders, moves and cancellations, newest first, dated in the teacher's own zone. */
export function InboxPage() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const r = useResources();
  const { session } = useSession();
  const [page, setPage] = useState(1);
  const instructorId = session?.user.instructorId;
  const teacher = useLoad<Instructor | null>(
    () => (instructorId ? r.instructors.get(instructorId).catch(() => null) : Promise.resolve(null)),
    [instructorId],
  );
  const zone = teacher.data?.timeZone ?? 'Asia/Shanghai';
  const messages = useLoad(() => api.get<Page<InboxMessage>>('/inbox', { page, pageSize: 20 }), [page]);
  return (
    <section>
      <PageHeading>{t('inbox.heading')}</PageHeading>
      <LoadState loaded={messages}>
        {messages.data?.items.length ? (
          <>
            <ul className="inbox">
              {messages.data.items.map((m) => (
                <li key={m.id} className={m.readAt ? undefined : 'inbox__unread'}>
                  <article aria-labelledby={`message-${m.id}`}>
                    <h2 id={`message-${m.id}`}>
                      {!m.readAt && <span className="badge">{t('inbox.unread')} · </span>}
                      {m.subject}
                    </h2>
                    <p className="muted">
                      <time dateTime={m.createdAt}>{dateTime(m.createdAt, zone)}</time>
                    </p>
                    <p className="inbox__body">{m.body}</p>
                  </article>
                </li>
              ))}
            </ul>
            <Pager page={messages.data.page} pageSize={messages.data.pageSize} total={messages.data.total} onPage={setPage} />
          </>
        ) : (
          <p>{t('inbox.empty')}</p>
        )}
      </LoadState>
    </section>
  );
}
