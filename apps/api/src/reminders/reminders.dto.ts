import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind, type WebhookFlavor } from '#scheduling';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiPropertyOptional({ example: '22:00', description: "Start, in the person's own local clock (included)" })
  @Matches(LOCAL_TIME, { message: 'localStart must be HH:mm' })
  localStart!: string;

  @ApiPropertyOptional({ example: '07:00', description: 'End (excluded); before the start = wraps midnight; equal = no quiet hours' })
  @Matches(LOCAL_TIME, { message: 'localEnd must be HH:mm' })
  localEnd!: string;
}

export class InstitutionReminderSettingsDto {
  @ApiPropertyOptional({
    example: [1440, 30],
    description: 'Minutes before each class; null = program default (24 h and 30 min)',
    nullable: true,
    type: [Number],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(20160, { each: true })
  offsetsMinutes?: number[] | null;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}

export class PersonReminderPreferencesDto extends InstitutionReminderSettingsDto {
  @ApiPropertyOptional({
    example: ['webhook', 'email', 'inbox'],
    description: 'In order: the next is tried when one fails for good',
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CHANNEL_KINDS, { each: true })
  channels?: ChannelKind[] | null;

  @ApiPropertyOptional({ example: 'en', enum: ['zh-CN', 'en'], nullable: true })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: string | null;

  @ApiPropertyOptional({ example: 'li.wei@zju.edu.cn', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://oapi.dingtalk.com/robot/send?access_token=...', nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false })
  @MaxLength(500)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ enum: ['generic', 'dingtalk', 'wecom', 'slack'] })
  @IsOptional()
  @IsIn(['generic', 'dingtalk', 'wecom', 'slack'])
  webhookFlavor?: WebhookFlavor;

  @ApiPropertyOptional({ description: 'HMAC key for this webhook (write-only)', nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string | null;

  @ApiPropertyOptional({ description: 'Coordinators: also receive reminders of the sessions they coordinate' })
  @IsOptional()
  @IsBoolean()
  coordinatorReminders?: boolean;

  @ApiPropertyOptional({ example: 'Asia/Urumqi', description: 'Coordinators: the clock reminders are written in', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;
}
