package io.tally.billing.web.platform;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.ResourceBundle;
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
 * renders), and would refuse any page rendered for it: then the expired page's text is written as a
 * plain page, with Tally's style sheet.
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
        if (refused(events.next().getContext().getException())) {
          events.remove();
          show(FacesContext.getCurrentInstance());
        }
      }
      getWrapped().handle();
    }

    private static void show(FacesContext faces) {
      faces.getExternalContext().setResponseStatus(400);
      // The page the form was posted to (Faces pages are mapped by extension: /login.xhtml).
      String form = faces.getExternalContext().getRequestServletPath();
      faces.getExternalContext().getRequestMap().put(FORM, form);
      if (faces.getCurrentPhaseId() == PhaseId.RENDER_RESPONSE) {
        // Refused while rendering (the nonce is checked then): PrimeFaces would refuse any page
        // rendered for this request, so the answer is the expired page's text, written here.
        writePlain(faces, form);
        faces.responseComplete();
        return;
      }
      var views = faces.getApplication().getViewHandler();
      faces.setViewRoot(views.createView(faces, "/expired.xhtml"));
      faces.getPartialViewContext().setRenderAll(true);
      faces.renderResponse();
    }

    private static void writePlain(FacesContext faces, String form) {
      ExternalContext external = faces.getExternalContext();
      HttpServletResponse response = (HttpServletResponse) external.getResponse();
      ResourceBundle texts = faces.getApplication().getResourceBundle(faces, "msg");
      String context = external.getRequestContextPath();
      String again =
          form == null || !form.startsWith("/")
              ? ""
              : "<p><a id=\"again\" href=\""
                  + escape(context + form)
                  + "\">"
                  + escape(texts.getString("error.expired.again"))
                  + "</a></p>";
      String title = escape(texts.getString("error.expired.title"));
      response.resetBuffer();
      response.setStatus(400);
      response.setContentType("text/html;charset=UTF-8");
      try {
        response
            .getWriter()
            .write(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + title
                    + "</title><link rel=\"stylesheet\" href=\""
                    + escape(context)
                    + "/jakarta.faces.resource/css/tally.css.xhtml\"></head><body><main"
                    + " id=\"main\"><h1>"
                    + title
                    + "</h1><p id=\"error-text\">"
                    + escape(texts.getString("error.expired.text"))
                    + "</p>"
                    + again
                    + "<p><a href=\""
                    + escape(context)
                    + "/\">"
                    + escape(texts.getString("error.home"))
                    + "</a></p></main></body></html>");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String escape(String text) {
      return text.replace("&", "&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("\"", "&quot;");
    }

    private static boolean refused(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof ViewExpiredException || cause instanceof CspException) {
          return true;
        }
      }
      return false;
    }
  }
}
