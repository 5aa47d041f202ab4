import { Entity, PrimaryColumn } from 'typeorm';
import type { CalendarException, ClassPeriod, Region } from '#scheduling';
import { InstantColumn, JsonColumn, TextColumn } from './columns.js';

@Entity('institutions')
export class InstitutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('name_zh', 200) nameZh!: string;
  @TextColumn('name_en', 200) nameEn!: string;
  @TextColumn('region', 20) region!: Region;
  @TextColumn('province', 100) province!: string;
  @TextColumn('time_zone', 64) timeZone!: string;
  @TextColumn('secondary_time_zone', 64, { nullable: true }) secondaryTimeZone!: string | null;
  @JsonColumn('class_periods') classPeriods!: ClassPeriod[];
  @JsonColumn('calendar_exceptions') calendarExceptions!: CalendarException[];
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}
