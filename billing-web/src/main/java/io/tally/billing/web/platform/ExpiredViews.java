package io.tally.billing.web.platform;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;

/**
 * A form posted with a view state this session never rendered (old, forged, or sent after the
 * session ended) is a client's mistake, not a fault: it answers 400 with the "page has expired"
 * page, which offers to open the form again, and logs nothing. Without this, Faces throws it to the
 * container, which logs a stack trace and answers 500. Registered in faces-config.xml.
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
        ViewExpiredException expired = expired(events.next().getContext().getException());
        if (expired != null) {
          events.remove();
          show(FacesContext.getCurrentInstance(), expired.getViewId());
        }
      }
      getWrapped().handle();
    }

    private static void show(FacesContext faces, String formViewId) {
      faces.getExternalContext().setResponseStatus(400);
      faces.getExternalContext().getRequestMap().put(FORM, formViewId);
      var views = faces.getApplication().getViewHandler();
      faces.setViewRoot(views.createView(faces, "/expired.xhtml"));
      faces.getPartialViewContext().setRenderAll(true);
      faces.renderResponse();
    }

    private static ViewExpiredException expired(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof ViewExpiredException expired) {
          return expired;
        }
      }
      return null;
    }
  }
}
