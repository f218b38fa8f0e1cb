package dev.lanyard.cli;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A QR code drawn with Unicode half blocks, two modules per character cell, for a phone to scan off
 * a terminal. Light modules (and the quiet zone) are drawn in the terminal's foreground colour, so
 * on the usual light-on-dark terminal the code shows dark-on-light as printed codes do.
 */
final class QrText {
  private static final int QUIET_ZONE = 2;

  private QrText() {}

  /** The lines of the code for {@code text}; empty when the text is too long for a QR code. */
  static List<String> render(String text) {
    QrCode qr;
    try {
      qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
    } catch (DataTooLongException e) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    int from = -QUIET_ZONE;
    int to = qr.size + QUIET_ZONE;
    for (int y = from; y < to; y += 2) {
      StringBuilder sb = new StringBuilder();
      for (int x = from; x < to; x++) {
        boolean topLight = !qr.getModule(x, y);
        boolean bottomLight = y + 1 >= to || !qr.getModule(x, y + 1);
        sb.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
      }
      lines.add(sb.toString());
    }
    return lines;
  }
}
