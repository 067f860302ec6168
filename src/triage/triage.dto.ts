import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CASE_STATUSES, PRIORITIES, type CaseStatus, type Priority } from '../cases/case.entity.js';
import { IsOmittable } from '../common/http/validation.js';
import { NEED_CODE } from '../service-directory/taxonomy/taxonomy.dto.js';

export class TriageNeed {
  @ApiProperty({ example: 'money.debt', description: 'A need taxonomy code (GET /api/taxonomy).' })
  @IsString()
  @MaxLength(60)
  @Matches(NEED_CODE, { message: 'must be a need code, like money.debt' })
  code: string;

  @ApiProperty({ minimum: 1, maximum: 3, description: '1 low, 2 moderate, 3 high.' })
  @IsInt()
  @Min(1)
  @Max(3)
  severity: 1 | 2 | 3;
}

export class TriageRequest {
  @ApiProperty({ type: [TriageNeed], description: 'Each need code once; may be empty.' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TriageNeed)
  needs: TriageNeed[];

  @ApiPropertyOptional({
    type: [String],
    example: ['no_heating'],
    description: 'Risk codes of GET /api/triage/config; none when left out.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique({ message: 'each risk must be given once' })
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  risks?: string[];

  @ApiProperty({ description: 'A safeguarding concern was raised on the call.' })
  @IsBoolean()
  safeguarding: boolean;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class OrganisationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class RecommendationResponse {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: OrganisationRef }) organisation: OrganisationRef;
  @ApiProperty({ description: 'Higher is a better fit; see the README for how it is counted.' })
  score: number;
  @ApiProperty({
    type: [String],
    example: ['Debt advice (money.debt)', 'covers Leyland Central', 'accepts 18+', '4 places left'],
  })
  reasons: string[];
}

export class TriageNeedResponse {
  @ApiProperty() code: string;
  @ApiProperty({ minimum: 1, maximum: 3 }) severity: number;
}

export class TriageResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) triageId: string;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({
    description: 'The rule of the triage rules that gave the priority, or "default".',
  })
  rule: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ type: [TriageNeedResponse] }) needs: TriageNeedResponse[];
  @ApiProperty({ type: [String] }) risks: string[];
  @ApiProperty({
    description: 'Ticked by the handler, or implied by a risk configured as safeguarding.',
  })
  safeguarding: boolean;
  @ApiProperty({ format: 'date-time' }) triagedAt: string;
  @ApiProperty({ type: [RecommendationResponse], description: 'Best first, at most 10.' })
  recommendations: RecommendationResponse[];
}

export class RecommendationsResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [RecommendationResponse], description: 'Best first, at most 10.' })
  recommendations: RecommendationResponse[];
}

export class SignpostRequest {
  @ApiProperty({ format: 'uuid', description: 'The directory service the person was told about.' })
  @IsUUID()
  serviceId: string;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class SignpostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ format: 'uuid', description: 'The user who gave the information.' })
  givenBy: string;
  @ApiProperty() givenByName: string;
}

export class SignpostList {
  @ApiProperty({ type: [SignpostResponse], description: 'Oldest first.' })
  items: SignpostResponse[];
}

export class RiskResponse {
  @ApiProperty({ example: 'no_heating' }) code: string;
  @ApiProperty({ example: 'No heating' }) label: string;
  @ApiProperty() safeguarding: boolean;
}

export class TargetResponse {
  @ApiPropertyOptional({ description: 'Due this many hours after triage.' }) hours?: number;
  @ApiPropertyOptional({ description: 'Due this many working days after triage.' })
  workingDays?: number;
}

export class PriorityResponse {
  @ApiProperty({ enum: PRIORITIES }) code: Priority;
  @ApiProperty() label: string;
  @ApiProperty({ type: TargetResponse }) target: TargetResponse;
}

export class RuleConditionsResponse {
  @ApiPropertyOptional({ type: [String] }) anyRisk?: string[];
  @ApiPropertyOptional({ enum: [true] }) safeguarding?: true;
  @ApiPropertyOptional({ type: [String] }) anyNeed?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 3 }) minSeverity?: number;
  @ApiPropertyOptional({ enum: [true] }) noNeeds?: true;
}

export class RuleResponse {
  @ApiProperty() name: string;
  @ApiProperty({ type: RuleConditionsResponse }) when: RuleConditionsResponse;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
}

export class BankHolidayResponse {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() name: string;
}

export class WorkingHoursResponse {
  @ApiProperty({ example: '09:00' }) start: string;
  @ApiProperty({ example: '17:00' }) end: string;
}

export class CalendarResponse {
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
  @ApiProperty({ type: WorkingHoursResponse }) workingHours: WorkingHoursResponse;
  @ApiProperty({ type: [BankHolidayResponse] }) bankHolidays: BankHolidayResponse[];
}

export class TriageConfigResponse {
  @ApiProperty({ type: [RiskResponse] }) risks: RiskResponse[];
  @ApiProperty({ type: [PriorityResponse] }) priorities: PriorityResponse[];
  @ApiProperty({ type: [RuleResponse], description: 'In order: the first that matches applies.' })
  rules: RuleResponse[];
  @ApiProperty({ enum: PRIORITIES, description: 'The priority when no rule matches.' })
  default: Priority;
  @ApiProperty({ type: CalendarResponse }) calendar: CalendarResponse;
}
