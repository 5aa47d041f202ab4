import { ApiTokenEntity } from './api-token.entity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { CourseEntity } from './course.entity.js';
import { InstitutionEntity } from './institution.entity.js';
import { InstructorEntity } from './instructor.entity.js';
import { LoginAttemptEntity } from './login-attempt.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { ScheduleRunEntity } from './schedule-run.entity.js';
import { JointSessionClassEntity, JointSessionEntity } from './joint-session.entity.js';
import { PairingClassEntity, PairingEntity } from './pairing.entity.js';
import { TeachingActivityEntity } from './teaching-activity.entity.js';
import { TeachingActivityLineEntity } from './teaching-activity-line.entity.js';
import { LedgerKeyEntity } from './ledger-key.entity.js';
import { ReportRollupEntity } from './report-rollup.entity.js';
import { ReportRollupWatermarkEntity } from './report-rollup-watermark.entity.js';
import { TermEntity } from './term.entity.js';
import { UserEntity } from './user.entity.js';
import { WesternClassEntity } from './western-class.entity.js';
import { DeliveryAttemptEntity, DeliveryEntity } from './delivery.entity.js';
import { InboxMessageEntity } from './inbox-message.entity.js';
import { InstitutionReminderSettingEntity } from './institution-reminder-setting.entity.js';
import { OutboxEventEntity } from './outbox-event.entity.js';
import { ReminderPreferenceEntity } from './reminder-preference.entity.js';

export {
  ScheduleRunEntity,
  DeliveryAttemptEntity,
  DeliveryEntity,
  InboxMessageEntity,
  InstitutionReminderSettingEntity,
  OutboxEventEntity,
  ReminderPreferenceEntity,
  CalendarFeedEntity,
  ApiTokenEntity,
  AuditEntryEntity,
  LoginAttemptEntity,
  RefreshTokenEntity,
  CourseEntity,
  InstitutionEntity,
  InstructorEntity,
  JointSessionClassEntity,
  JointSessionEntity,
  PairingClassEntity,
  PairingEntity,
  TeachingActivityEntity,
  TeachingActivityLineEntity,
  LedgerKeyEntity,
  ReportRollupEntity,
  ReportRollupWatermarkEntity,
  TermEntity,
  UserEntity,
  WesternClassEntity,
};

export const entities = [
  InstitutionEntity,
  TermEntity,
  InstructorEntity,
  CourseEntity,
  WesternClassEntity,
  PairingEntity,
  PairingClassEntity,
  JointSessionEntity,
  JointSessionClassEntity,
  TeachingActivityEntity,
  TeachingActivityLineEntity,
  LedgerKeyEntity,
  ReportRollupEntity,
  ReportRollupWatermarkEntity,
  UserEntity,
  RefreshTokenEntity,
  ApiTokenEntity,
  LoginAttemptEntity,
  AuditEntryEntity,
  CalendarFeedEntity,
  OutboxEventEntity,
  ReminderPreferenceEntity,
  InstitutionReminderSettingEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  InboxMessageEntity,
  ScheduleRunEntity,
];
