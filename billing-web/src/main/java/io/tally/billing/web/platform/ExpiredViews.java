package io.tally.billing.web.platform;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.primefaces.csp.CspException;

/**
 * A form posted with a view state this session never rendered (old, forged, or sent after the
 * session ended), or without the page's CSP nonce that PrimeFaces' script adds to every form, is a
 * client's mistake, not a fault: it answers 400 with the "page has expired" page, which offers to
 * open the form again, and logs nothing. Without this, Faces throws it to the container, which logs
 * a stack trace and answers 500. Registered in faces-config.xml.
 *
 * <p>PrimeFaces checks the nonce when rendering starts, so a post without one is refused after the
 * render phase began (an expired view posted without one is refused again while its expired page
 * renders): then the expired page is rendered here, at once. Its scripts carry no valid nonce and
 * do not run; the page needs none.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

  /** The request attribute that tells the expired page which form to offer again. */
  public static final String FORM = "tally.expired.form";

  public ExpiredViews(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  private static final class Handler extends ExceptionHandlerWrapper {

    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        FacesException refused = refused(events.next().getContext().getException());
        if (refused != null) {
          events.remove();
          show(FacesContext.getCurrentInstance(), refused);
        }
      }
      getWrapped().handle();
    }

    private static void show(FacesContext faces, FacesException refused) {
      faces.getExternalContext().setResponseStatus(400);
      String form =
          refused instanceof ViewExpiredException expired
              ? expired.getViewId()
              : faces.getViewRoot() == null ? null : faces.getViewRoot().getViewId();
      if (form != null) {
        faces.getExternalContext().getRequestMap().putIfAbsent(FORM, form);
      }
      var views = faces.getApplication().getViewHandler();
      var expiredPage = views.createView(faces, "/expired.xhtml");
      faces.setViewRoot(expiredPage);
      faces.getPartialViewContext().setRenderAll(true);
      if (faces.getCurrentPhaseId() == PhaseId.RENDER_RESPONSE) {
        // Refused while rendering (the nonce is checked then): the phase is over, render it here.
        try {
          views.renderView(faces, expiredPage);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        faces.responseComplete();
      } else {
        faces.renderResponse();
      }
    }

    private static FacesException refused(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof ViewExpiredException || cause instanceof CspException) {
          return (FacesException) cause;
        }
      }
      return null;
    }
  }
}
