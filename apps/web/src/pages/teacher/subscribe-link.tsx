import { useState } from 'react';
import { useApi } from '../../auth/session.js';
import { ProblemAlert, useAction } from '../../components/common.js';
import { useI18n } from '../../i18n/i18n.js';

interface IssuedFeed {
  url: string;
  webcalUrl: string;
}

/** One click issues a secret iCalendar feed for this teacher and shows its webcal:// link to open or copy. */
export function SubscribeLink({ instructorId }: { instructorId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [feed, setFeed] = useState<IssuedFeed | null>(null);
  const [copied, setCopied] = useState(false);
  const issue = useAction(() => api.post<IssuedFeed>('/calendar-feeds', { ownerKind: 'instructor', ownerId: instructorId }));
  return (
    <div className="subscribe">
      {!feed && (
        <button type="button" onClick={async () => setFeed((await issue.run()) ?? null)} disabled={issue.busy}>
          {t('calendar.subscribe')}
        </button>
      )}
      <ProblemAlert problem={issue.problem} />
      {feed && (
        <div className="subscribe__link" role="status">
          <p>{t('calendar.subscribeHelp')}</p>
          <a href={feed.webcalUrl} data-testid="feed-url">
            {feed.url}
          </a>{' '}
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(feed.url).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('calendar.copied') : t('calendar.copy')}
          </button>
        </div>
      )}
    </div>
  );
}
