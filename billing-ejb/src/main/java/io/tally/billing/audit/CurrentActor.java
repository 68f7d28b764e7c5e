package io.tally.billing.audit;

import io.tally.billing.api.Actor;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who the request being served acts for, so that no service signature has to carry it: the API's
 * key filter and the pages' filter set it once per request, and the audit reads it.
 */
@RequestScoped
public class CurrentActor {

  private Actor actor;

  public void set(Actor actor) {
    this.actor = actor;
  }

  /** The request's actor; the system when no caller was recorded (a timer's own work). */
  public Actor get() {
    return actor == null ? Actor.system() : actor;
  }
}
