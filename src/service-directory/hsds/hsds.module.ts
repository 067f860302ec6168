import { Module } from '@nestjs/common';

/** The Open Referral UK feed (`/api/hsds/`) and the HSDS 3.0 import. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class HsdsModule {}
