import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { CalendarFeedOwnerKind } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';

const ownerKinds: CalendarFeedOwnerKind[] = ['instructor', 'institution', 'western-class'];

export class CalendarFeedOwnerDto {
  @ApiProperty({ enum: ownerKinds, description: '`instructor` covers host teachers too' })
  @IsIn(ownerKinds)
  ownerKind!: CalendarFeedOwnerKind;

  @ApiProperty()
  @IsUUID()
  ownerId!: string;
}

export class CalendarFeedQuery extends PageQuery {
  @ApiProperty({ enum: ownerKinds })
  @IsIn(ownerKinds)
  ownerKind!: CalendarFeedOwnerKind;

  @ApiProperty()
  @IsUUID()
  ownerId!: string;
}
