import { Module } from '@nestjs/common';
import { BureauSeeder } from './bureau.seeder';
import { ContactsService } from './contacts.service';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

/** The bureau tree (seeded from the administrative divisions) and each bureau's contacts. */
@Module({
  controllers: [OrganisationController],
  providers: [BureauSeeder, OrganisationService, ContactsService],
  exports: [BureauSeeder, OrganisationService, ContactsService],
})
export class OrganisationModule {}
