import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryFailure } from './outbox.types';

export interface DeliveryFailureListener {
  /**
   * Called inside the transaction that marks the mail failed and flags its incidents (e.g. escalation writes an
   * incident event or moves to the next step). Throwing rolls the failure back; the row is then retried after its
   * lease, so listeners must be idempotent.
   */
  onDeliveryFailed(em: EntityManager, failure: DeliveryFailure): Promise<void>;
}

/** Seam for modules that react to mails given up on; the notifications module depends on none of them. */
@Injectable()
export class DeliveryFailureListeners {
  private readonly listeners: DeliveryFailureListener[] = [];

  register(listener: DeliveryFailureListener): void {
    this.listeners.push(listener);
  }

  async notify(em: EntityManager, failure: DeliveryFailure): Promise<void> {
    for (const l of this.listeners) await l.onDeliveryFailed(em, failure);
  }
}
