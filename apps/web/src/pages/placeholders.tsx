import { PageHeading } from '../components/common.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/** A page whose API has not landed yet. */
export function Pending({ title, endpoint }: { title: MessageKey; endpoint: string }) {
  const { t } = useI18n();
  return (
    <section>
      <PageHeading>{t(title)}</PageHeading>
      <p className="muted">{t('app.unavailable', { detail: endpoint })}</p>
    </section>
  );
}
