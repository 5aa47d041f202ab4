import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../http/paging.dto.js';

export class PairRefDto {
  @ApiProperty() @IsUUID() westernClassId!: string;
  @ApiProperty() @IsUUID() instructorId!: string;
}

export class ProposePairingsDto {
  @ApiPropertyOptional({ description: 'Pair the classes of this western term' }) @IsOptional() @IsUUID() termId?: string;
  @ApiPropertyOptional({ description: 'Or these classes' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  westernClassIds?: string[];
  @ApiPropertyOptional({ type: [PairRefDto], description: 'Pairs kept whatever their score; the rest is optimised around them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => PairRefDto)
  pins?: PairRefDto[];
  @ApiPropertyOptional({ type: [PairRefDto], description: 'Pairs ruled out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => PairRefDto)
  forbids?: PairRefDto[];
  @ApiPropertyOptional({ default: 4, description: 'Most classes one live lesson serves; 1 turns grouping off' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxCampusesPerLesson?: number;
}

export class StartScheduleRunDto {
  @ApiPropertyOptional({ description: 'Western class terms: their confirmed pairings are timetabled' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  termIds?: string[];
  @ApiPropertyOptional({ description: 'Or these pairings (proposed or confirmed)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  pairingIds?: string[];
  @ApiPropertyOptional({ default: 1, description: 'Tie-break seed: the same data and seed give the same plan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class RunPlanQuery extends PageQuery {}

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

export class CommonSlotsQuery {
  @ApiProperty() @IsUUID() instructorId!: string;
  @ApiProperty({ description: 'Comma-separated western class ids', example: 'a1b2...,c3d4...' })
  @Transform(commaList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  westernClassIds!: string[];
  @ApiPropertyOptional({ default: 4 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(26) weeks?: number;
  @ApiPropertyOptional({ description: "Default: the longest of the classes' durations" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
