// Every migration, in order. Hand-written only (synchronize is off); each has a working down().
import { Foundation1763800000000 } from './1763800000000-Foundation';
import { Ingestion1763800002000 } from './1763800002000-Ingestion';
import { Classification1763800003000 } from './1763800003000-Classification';
import { Incidents1763800004000 } from './1763800004000-Incidents';
import { Notifications1763800005000 } from './1763800005000-Notifications';
import { Escalation1763800005100 } from './1763800005100-Escalation';
import { Statistics1763800006000 } from './1763800006000-Statistics';
import { SuspectedConcealment1764900100000 } from './1764900100000-SuspectedConcealment';
import { LoginThrottle1764900300000 } from './1764900300000-LoginThrottle';
import { PendingNotices1764900400000 } from './1764900400000-PendingNotices';
import { IncidentOccurredAt1764900800000 } from './1764900800000-IncidentOccurredAt';
import { OverviewIndexes1764901200000 } from './1764901200000-OverviewIndexes';

export const MIGRATIONS = [
  Foundation1763800000000,
  Ingestion1763800002000,
  Classification1763800003000,
  Incidents1763800004000,
  Notifications1763800005000,
  Escalation1763800005100,
  Statistics1763800006000,
  SuspectedConcealment1764900100000,
  LoginThrottle1764900300000,
  PendingNotices1764900400000,
  IncidentOccurredAt1764900800000,
  OverviewIndexes1764901200000,
];
