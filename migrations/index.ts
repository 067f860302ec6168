// Every migration, in order. `npm run migration:generate -- VerbNoun` adds new ones here.
import type { MigrationInterface } from 'typeorm';
import { CreateFoundation1795427251556 } from './1795427251556-CreateFoundation.js';
import { CreateNeedTermsAndAreas1795432967544 } from './1795432967544-CreateNeedTermsAndAreas.js';
import { CreateServiceDirectory1795433859602 } from './1795433859602-CreateServiceDirectory.js';
import { CreateSearchWords1795434000000 } from './1795434000000-CreateSearchWords.js';
import { AddServiceSearchColumns1795435000000 } from './1795435000000-AddServiceSearchColumns.js';
import { DisableSearchIndexPendingLists1795436000000 } from './1795436000000-DisableSearchIndexPendingLists.js';
import { CreateIntakeAndCases1795437412848 } from './1795437412848-CreateIntakeAndCases.js';
import { CreateReferrals1795443820172 } from './1795443820172-CreateReferrals.js';
import { PublishEvents1795449519741 } from './1795449519741-PublishEvents.js';
// imports: new ones go above this line

export const migrations: (new () => MigrationInterface)[] = [
  CreateFoundation1795427251556,
  CreateNeedTermsAndAreas1795432967544,
  CreateServiceDirectory1795433859602,
  CreateSearchWords1795434000000,
  AddServiceSearchColumns1795435000000,
  DisableSearchIndexPendingLists1795436000000,
  CreateIntakeAndCases1795437412848,
  CreateReferrals1795443820172,
  PublishEvents1795449519741,
  // migrations: new ones go above this line
];
