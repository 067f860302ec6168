import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** `resync { since }`, and the `since` of a connection's handshake. */
export class ResyncRequest {
  @ApiProperty({ description: 'The last seq the client has; 0 for everything.', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  since: number;
}
