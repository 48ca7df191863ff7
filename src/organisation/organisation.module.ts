import { Module } from '@nestjs/common';
import { BureauSeeder } from './bureau.seeder';

@Module({
  providers: [BureauSeeder],
  exports: [BureauSeeder],
})
export class OrganisationModule {}
