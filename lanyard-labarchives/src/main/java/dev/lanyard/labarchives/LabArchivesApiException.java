package dev.lanyard.labarchives;

/** LabArchives refused an API call for a reason other than authentication. */
public final class LabArchivesApiException extends LabArchivesException {
  private static final long serialVersionUID = 1L;

  LabArchivesApiException(String code, String description, int status) {
    super(code, description, status);
  }
}
