package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mmskit.core.MmsPart;

/**
 * Reads {@code multipart/form-data} (as {@code curl -F} sends it) with Jakarta Mail's MIME parser:
 * form fields become the same fields as the JSON body ({@code to}, {@code cc} and {@code bcc} may
 * repeat), every field with a file name becomes a part with the file's content type.
 */
final class FormReader {
  private static final Set<String> REPEATABLE = Set.of("to", "cc", "bcc");

  private FormReader() {}

  record Form(ObjectNode fields, List<MmsPart> files, List<MessageReader.Problem> problems) {}

  static Form read(InputStream body, String contentType) throws IOException {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    List<MmsPart> files = new ArrayList<>();
    List<MessageReader.Problem> problems = new ArrayList<>();
    try {
      MimeMultipart mp = new MimeMultipart(new Source(body, contentType));
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        String[] disposition = part.getHeader("Content-Disposition");
        String name =
            disposition == null
                ? null
                : new ContentDisposition(disposition[0]).getParameter("name");
        if (name == null) {
          problems.add(new MessageReader.Problem("form part " + (i + 1), "has no field name"));
          continue;
        }
        byte[] value;
        try (InputStream in = part.getInputStream()) {
          value = in.readAllBytes();
        }
        String fileName = part.getFileName();
        if (fileName != null) {
          String type = part.getContentType();
          if (type == null || type.isBlank()) {
            type = "application/octet-stream";
          }
          try {
            files.add(MmsPart.builder().contentType(type).fileName(fileName).body(value).build());
          } catch (IllegalArgumentException e) {
            problems.add(new MessageReader.Problem(name, e.getMessage()));
          }
          continue;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (name.equals("parts")) {
          problems.add(new MessageReader.Problem(name, "send files as form files, not parts"));
        } else if (REPEATABLE.contains(name)) {
          ArrayNode list = fields.has(name) ? (ArrayNode) fields.get(name) : fields.putArray(name);
          list.add(text);
        } else if (fields.has(name)) {
          problems.add(new MessageReader.Problem(name, "given twice"));
        } else {
          fields.put(name, text);
        }
      }
    } catch (MessagingException e) {
      problems.add(
          new MessageReader.Problem(
              "", "not a readable multipart/form-data body: " + e.getMessage()));
    }
    return new Form(fields, files, problems);
  }

  /** The request body as the data source Jakarta Mail reads. */
  private record Source(InputStream in, String contentType) implements DataSource {
    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      throw new IOException("read only");
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public String getName() {
      return "request";
    }
  }
}
