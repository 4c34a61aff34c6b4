@tradevest @in-process @documents
Feature: Tradevest signed partner documents (POST /v2/documents, resourceType CUSTOMER)
  POST /v2/documents {resourceType: CUSTOMER, resourceId, partnerDocumentId,
  name, documentType, version} records that the natural person named in
  Requestor-ID (the customer's entity, or one acting for it: customer
  context, §3) signed that version of the partner document for the
  customer; it answers {documentId}. GET /roles/customers/{id} lists the
  signatures as signedDocumentsRelatedToCustomer, oldest first. The same
  person signing the same version twice is a 409; other resource types are
  file uploads, not emulated (501; decision D94).

  Partner sandbox of the default fixtures: Max Mustermann (…5e01) is the
  ACTIVE customer …8b01; Erika (…5e02) is CREATED.

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"

  Scenario: The customer signs the terms and the privacy policy, and the customer lists both
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms and Conditions",
       "documentType": "TERMS_AND_CONDITIONS", "version": 3}
      """
    Then the response status is 200
    And the response has the field "documentId"
    When the sandbox clock advances 60 seconds
    And I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e02", "name": "Data Privacy Policy",
       "documentType": "DATA_PRIVACY_POLICY", "version": 1}
      """
    Then the response status is 200
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 200
    And the response field "signedDocumentsRelatedToCustomer" is:
      """
      [{"partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms and Conditions",
        "documentType": "TERMS_AND_CONDITIONS", "version": 3,
        "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "naturalPersonFullName": "Max Mustermann",
        "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z"},
       {"partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e02", "name": "Data Privacy Policy",
        "documentType": "DATA_PRIVACY_POLICY", "version": 1,
        "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "naturalPersonFullName": "Max Mustermann",
        "createdOn": "2030-01-01T09:01:00.000Z", "modifiedOn": "2030-01-01T09:01:00.000Z"}]
      """
    When I GET "/roles/customers?limit=50"
    Then the response field "data.1.customerId" is "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And the response field "data.1.signedDocumentsRelatedToCustomer" is a list of 2 items

  Scenario: A newer version of the same document is a new signature; the same version again is a 409
    Given I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 2}
      """
    Then the response status is 200
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "signedDocumentsRelatedToCustomer" is a list of 2 items

  Scenario: A customer nobody signed for lists no documents
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "signedDocumentsRelatedToCustomer" is a list of 0 items

  Scenario: Only the customer's entity or one acting for it may sign (customer context), and only while ACTIVE
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 403
    And the response field "errorCode" is "FORBIDDEN"
    And the response field "errorDetails.0.field" is "Requestor-ID"
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 400
    And the response field "errorDetails.0.field" is "Requestor-ID"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "signedDocumentsRelatedToCustomer" is a list of 0 items

  Scenario Outline: Bad requests are 400s naming the field and store nothing
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      <body>
      """
    Then the response status is 400
    And the response field "errorDetails.0.field" is "<field>"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "signedDocumentsRelatedToCustomer" is a list of 0 items

    Examples:
      | field             | body                                                                                                                                                                                         |
      | resourceType      | {"resourceType": "INVOICE", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "T", "documentType": "TERMS_AND_CONDITIONS", "version": 1} |
      | partnerDocumentId | {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "partnerDocumentId": "nope", "name": "T", "documentType": "TERMS_AND_CONDITIONS", "version": 1}              |
      | documentType      | {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "T", "documentType": "KYC", "version": 1}      |
      | version           | {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "T", "documentType": "TERMS_AND_CONDITIONS", "version": 0} |
      | name              | {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "", "documentType": "TERMS_AND_CONDITIONS", "version": 1} |

  Scenario: Requestor-ID is required
    When I POST "/v2/documents" with body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 400
    And the response field "errorDetails.0.field" is "Requestor-ID"

  Scenario: An unknown customer is a 404
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "CUSTOMER", "resourceId": "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Terms", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  Scenario: A document upload for another resource type is documented but not emulated
    When I POST "/v2/documents" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"resourceType": "NATURAL_PERSON", "resourceId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01",
       "partnerDocumentId": "0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e01", "name": "Passport", "documentType": "TERMS_AND_CONDITIONS", "version": 1}
      """
    Then the response status is 501
    And the response field "errorCode" is "NOT_IMPLEMENTED"

  Scenario: Signed documents load from a fixture and are exported with the state
    Given the fixture:
      """
      tradevest:
        partners:
          sandbox:
            signed_documents:
              - customerId: 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01
                naturalPersonId: 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01
                partnerDocumentId: 0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e09
                name: Terms v7
                documentType: TERMS_AND_CONDITIONS
                version: 7
                createdOn: "2029-12-01T10:00:00Z"
      """
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "signedDocumentsRelatedToCustomer.0.naturalPersonFullName" is "Max Mustermann"
    And the response field "signedDocumentsRelatedToCustomer.0.version" is the number 7
    And the response field "signedDocumentsRelatedToCustomer.0.createdOn" is "2029-12-01T10:00:00.000Z"

  Scenario: A fixture's signed document with an unknown field is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      tradevest:
        partners:
          sandbox:
            signed_documents:
              - customerId: 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01
                naturalPersonId: 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01
                partnerDocumentId: 0d1e2f3a-4b5c-4d6e-8f70-8a9b0c1d2e09
                name: Terms
                documentType: TERMS_AND_CONDITIONS
                version: 1
                signedBy: Max
      """
    Then the response status is 400
    And the response field "error.code" is "INVALID_FIXTURE"
    And the response field "error.problem" matches "signedBy: unknown field"

  @verifications
  Scenario: A WebID video identification is CREATED with its link and APPROVED five minutes later, identifying the person
    When I POST "/entities/identification-verifications" with body:
      """
      {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}
      """
    Then the response status is 200
    And I save the response field "identificationVerificationId" as "iv"
    When I GET "/entities/identification-verifications/{iv}"
    Then the response status is 200
    And the response field "status" is "CREATED"
    And the response field "identificationUrl" is "https://webid.sandbox.invalid/ident/{iv}"
    And the response field "naturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    And the response has no field "naturalPersonIdentificationId"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response has no field "identification"
    When the sandbox clock advances 300 seconds
    And I GET "/entities/identification-verifications/{iv}"
    Then the response field "status" is "APPROVED"
    And the response field "modifiedOn" is "2030-01-01T09:05:00.000Z"
    And the response has the field "naturalPersonIdentificationId"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "identification.identificationProvider" is "WEB_ID"
    And the response field "identification.identifiedOn" is "2030-01-01T09:05:00.000Z"
    When I GET "/entities/identification-verifications?limit=5"
    Then the response field "data" is a list of 1 item
    And the response field "data.0.status" is "APPROVED"

  @verifications
  Scenario: A second verification while one is in progress is a 409; after it ended a new one may start
    Given I POST "/entities/identification-verifications" with body:
      """
      {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}
      """
    When I POST "/entities/identification-verifications" with body:
      """
      {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When the sandbox clock advances 300 seconds
    And I POST "/entities/identification-verifications" with body:
      """
      {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}
      """
    Then the response status is 200

  @verifications
  Scenario Outline: Bad identification verification requests
    When I POST "/entities/identification-verifications" with body:
      """
      <body>
      """
    Then the response status is <status>
    And the response field "errorCode" is "<code>"

    Examples:
      | status | code             | body                                                                                                                 |
      | 400    | VALIDATION_ERROR | {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "POST_IDENT", "identificationType": "VIDEO_IDENT"} |
      | 400    | VALIDATION_ERROR | {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalVerifier": "WEB_ID", "identificationType": "AUTO_IDENT"}      |
      | 400    | VALIDATION_ERROR | {"externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}                                                                 |
      | 404    | NOT_FOUND        | {"naturalPersonId": "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}     |
      | 404    | NOT_FOUND        | {"naturalPersonId": "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01", "externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT"}     |

  @verifications
  Scenario: An unknown verification is a 404
    When I GET "/entities/identification-verifications/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  @verifications
  Scenario: A verification loads from a fixture and falls due on the sandbox clock
    Given the fixture:
      """
      tradevest:
        partners:
          sandbox:
            identification_verifications:
              - identificationVerificationId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01
                naturalPersonId: 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03
                createdOn: "2030-01-01T08:58:00Z"
      """
    When I GET "/entities/identification-verifications/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01"
    Then the response field "status" is "CREATED"
    When the sandbox clock advances 180 seconds
    And I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the response field "identification.identifiedOn" is "2030-01-01T09:03:00.000Z"

  @verifications
  Scenario: Listing verifications with a bad limit or an unknown requestor is a 400
    When I GET "/entities/identification-verifications?limit=0"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    When I GET "/entities/identification-verifications" with the Requestor-ID "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    Then the response status is 400
    And the response field "errorDetails.0.field" is "Requestor-ID"
