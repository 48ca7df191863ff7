// Every migration, in order. Hand-written only (synchronize is off); each has a working down().
import { Foundation1763800000000 } from './1763800000000-Foundation';
import { Ingestion1763800002000 } from './1763800002000-Ingestion';
import { Classification1763800003000 } from './1763800003000-Classification';
import { Incidents1763800004000 } from './1763800004000-Incidents';
import { Notifications1763800005000 } from './1763800005000-Notifications';
import { Escalation1763800005100 } from './1763800005100-Escalation';
import { Statistics1763800006000 } from './1763800006000-Statistics';
import { SuspectedConcealment1764900100000 } from './1764900100000-SuspectedConcealment';
import { PushScope1764900200000 } from './1764900200000-PushScope';
import { LoginThrottle1764900300000 } from './1764900300000-LoginThrottle';
import { PendingNotices1764900400000 } from './1764900400000-PendingNotices';
import { Briefings1764900700000 } from './1764900700000-Briefings';
import { SpecialReports1764900700100 } from './1764900700100-SpecialReports';
import { Supervision1764900700200 } from './1764900700200-Supervision';
import { IncidentOccurredAt1764900800000 } from './1764900800000-IncidentOccurredAt';
import { UserAdminEvents1764901000000 } from './1764901000000-UserAdminEvents';
import { OverviewIndexes1764901200000 } from './1764901200000-OverviewIndexes';
import { OutboxPriority1764901310000 } from './1764901310000-OutboxPriority';
import { ReopenedNotice1764901320000 } from './1764901320000-ReopenedNotice';
import { RoutedIncidentsPlaced1764901330000 } from './1764901330000-RoutedIncidentsPlaced';
import { ReviewRequestNotice1764901340000 } from './1764901340000-ReviewRequestNotice';

export const MIGRATIONS = [
  Foundation1763800000000,
  Ingestion1763800002000,
  Classification1763800003000,
  Incidents1763800004000,
  Notifications1763800005000,
  Escalation1763800005100,
  Statistics1763800006000,
  SuspectedConcealment1764900100000,
  PushScope1764900200000,
  LoginThrottle1764900300000,
  PendingNotices1764900400000,
  Briefings1764900700000,
  SpecialReports1764900700100,
  Supervision1764900700200,
  IncidentOccurredAt1764900800000,
  UserAdminEvents1764901000000,
  OverviewIndexes1764901200000,
  OutboxPriority1764901310000,
  ReopenedNotice1764901320000,
  RoutedIncidentsPlaced1764901330000,
  ReviewRequestNotice1764901340000,
];
