package io.tally.billing.web.invoice;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.InvoiceView;
import io.tally.billing.web.platform.MoneyConverter;
import io.tally.billing.web.platform.UtcConverter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * An invoice as a one-or-more-page A4 PDF (Apache PDFBox): number, month, account, status, one line
 * per model (calls, seconds, amount) and the total, amounts written as the pages show them. Only
 * the standard fonts are used, so characters they cannot draw (from a customer's name or a model
 * id) print as {@code ?}.
 */
final class InvoicePdf {

  private static final float MARGIN = 50;
  private static final float LINE = 16;
  private static final float[] RIGHT_EDGES = {0, 330, 430, 545};
  private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  private final PDDocument document = new PDDocument();
  private PDPageContentStream out;
  private float y;

  private InvoicePdf() {}

  /** The PDF's bytes. */
  static byte[] render(InvoiceView invoice, AccountView account) {
    InvoicePdf pdf = new InvoicePdf();
    try (PDDocument document = pdf.document) {
      pdf.write(invoice, account);
      pdf.out.close();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write invoice " + invoice.number(), e);
    }
  }

  private void write(InvoiceView invoice, AccountView account) throws IOException {
    newPage();
    text(bold, 20, MARGIN, "Invoice " + invoice.number());
    y -= 10;
    text(regular, 11, MARGIN, "Month: " + invoice.month());
    text(regular, 11, MARGIN, "Account: " + account.id() + " " + account.name());
    text(regular, 11, MARGIN, "E-mail: " + account.email());
    text(regular, 11, MARGIN, "Status: " + invoice.status());
    text(regular, 11, MARGIN, "Issued: " + UtcConverter.format(invoice.issuedAt()) + " UTC");
    if (invoice.paidAt() != null) {
      text(regular, 11, MARGIN, "Paid: " + UtcConverter.format(invoice.paidAt()) + " UTC");
    }
    y -= 14;
    row(bold, List.of("Model", "Calls", "Seconds", "Amount"));
    for (InvoiceView.Line line : invoice.lines()) {
      row(
          regular,
          List.of(
              line.model(),
              Long.toString(line.calls()),
              line.seconds(),
              MoneyConverter.format(line.amount())));
    }
    if (invoice.lines().isEmpty()) {
      text(regular, 11, MARGIN, "No usage this month.");
    }
    y -= 6;
    row(bold, List.of("Total", "", "", MoneyConverter.format(invoice.total())));
  }

  /** A table row: the model left-aligned, the numbers right-aligned in their columns. */
  private void row(PDFont font, List<String> cells) throws IOException {
    breakPageIfFull();
    place(font, MARGIN, y, cells.get(0));
    for (int i = 1; i < cells.size(); i++) {
      String cell = printable(font, cells.get(i));
      place(font, RIGHT_EDGES[i] - font.getStringWidth(cell) / 1000 * 11, y, cell);
    }
    y -= LINE;
  }

  private void text(PDFont font, float size, float x, String text) throws IOException {
    breakPageIfFull();
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    out.showText(printable(font, text));
    out.endText();
    y -= size + 5;
  }

  private void place(PDFont font, float x, float atY, String text) throws IOException {
    out.beginText();
    out.setFont(font, 11);
    out.newLineAtOffset(x, atY);
    out.showText(printable(font, text));
    out.endText();
  }

  private void breakPageIfFull() throws IOException {
    if (y < MARGIN + LINE) {
      out.close();
      newPage();
    }
  }

  private void newPage() throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    out = new PDPageContentStream(document, page);
    y = page.getMediaBox().getHeight() - MARGIN - 20;
  }

  /** The text with each character the font cannot draw replaced by {@code ?}. */
  private static String printable(PDFont font, String text) {
    StringBuilder printable = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            point -> {
              String character = new String(Character.toChars(point));
              printable.append(drawable(font, character) ? character : "?");
            });
    return printable.toString();
  }

  private static boolean drawable(PDFont font, String character) {
    try {
      font.encode(character);
      return !Character.isISOControl(character.codePointAt(0));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
