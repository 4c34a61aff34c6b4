@tradevest @in-process @entitiesmore
Feature: Tradevest entity search, legal representatives, beneficial owners and identification
  GET /entities lists every kind of entity newest first, filtered by
  searchText (part of the name, globalId or externalId, without case),
  entityType, entityStatus, role, globalId and entityId (decision D87).
  A legal entity has legal representatives (POST, list, GET, PATCH,
  DELETE) and beneficial owners (POST, GET, PATCH; a real UBO holds more
  than 25 % of shares or voting rights), onboarded by POST
  /entities/onboardings (decision D88). POST
  /entities/natural-persons/{id}/identification stores the partner's own
  identification on the person (decision D89).

  Partner sandbox of the default fixtures: Max (…5e01, ACTIVE), Erika
  (…5e02), Lukas (…5e03), Musterfirma GmbH (7c1f…6f01), the joint person
  of Max and Erika (8d2a…7a01).

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"

  Scenario: Search the entities
    When I GET "/entities"
    Then the response status is 200
    And the "entityId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01, 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    When I GET "/entities?searchText=MUSTER"
    Then the "entityName" of the items in "data" are "Max Mustermann & Erika Musterfrau, Musterfirma GmbH, Erika Musterfrau, Max Mustermann"
    When I GET "/entities?entityType=NATURAL_PERSON&entityStatus=ACTIVE"
    Then the "entityId" of the items in "data" are "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    And the response field "data.0.contactPhone" is "+49301234567"
    And the response field "data.0.roles.0.roleName" is "CUSTOMER"
    When I GET "/entities?role=CUSTOMER"
    Then the "entityId" of the items in "data" are "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    When I GET "/entities?searchText=le-musterfirma"
    Then the "entityId" of the items in "data" are "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    And I save the response field "data.0.globalId" as "gid"
    When I GET "/entities?globalId={gid}"
    Then the "entityId" of the items in "data" are "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    When I GET "/entities?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the "entityName" of the items in "data" are "Lukas Schmidt"
    When I page through "/entities?limit=2" following pagination.cursor
    Then paging took 3 requests
    When I GET "/entities?entityType=ROBOT"
    Then the response status is 400
    And the error details name the field "entityType"
    When I GET "/entities?cursor=nonsense"
    Then the response status is 400
    And the error details name the field "cursor"

  Scenario: Legal representatives
    When I POST "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/legal-representatives" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstName": "Greta", "lastName": "Geschäftsführer", "birthDay": "1970-05-05", "function": "MANAGING_DIRECTOR",
       "nationalities": ["DE"], "soleSignatureAuthorized": true}
      """
    Then the response status is 200
    And I save the response field "legalRepresentativeId" as "rep"
    When I GET "/entities/legal-representatives/{rep}"
    Then the response status is 200
    And the response body equals, ignoring "globalId":
      """
      {"legalRepresentativeId": "{rep}", "legalEntityId": "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01",
       "legalRepresentativeStatus": "CREATED", "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z",
       "firstName": "Greta", "lastName": "Geschäftsführer", "birthDay": "1970-05-05", "function": "MANAGING_DIRECTOR",
       "nationalities": ["DE"], "soleSignatureAuthorized": true}
      """
    When I GET "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/legal-representatives"
    Then the "legalRepresentativeId" of the items in "data" are "{rep}"
    When I GET "/entities?entityType=LEGAL_REPRESENTATIVE"
    Then the "entityName" of the items in "data" are "Greta Geschäftsführer"
    When the sandbox clock advances 5 seconds
    And I PATCH "/entities/legal-representatives/{rep}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"function": "CEO", "soleSignatureAuthorized": false}
      """
    Then the response status is 202
    When I GET "/entities/legal-representatives/{rep}"
    Then the response field "function" is "CEO"
    And the response field "soleSignatureAuthorized" is false
    And the response field "modifiedOn" is "2030-01-01T09:00:05.000Z"
    When I PATCH "/entities/legal-representatives/{rep}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"lastName": "  "}
      """
    Then the response status is 400
    And the error details name exactly the fields "lastName"
    When I DELETE "/entities/legal-representatives/{rep}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 202
    When I GET "/entities/legal-representatives/{rep}"
    Then the response status is 404
    When I DELETE "/entities/legal-representatives/{rep}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 404
    When I GET "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/legal-representatives"
    Then the response field "data" is a list of 0 items
    When I GET "/entities/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01/legal-representatives"
    Then the response status is 404

  Scenario Outline: A legal representative with <case> is refused
    When I POST "/entities/<le>/legal-representatives" with the Requestor-ID "<requestor>" and body:
      """
      <body>
      """
    Then the response status is <status>
    When I GET "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/legal-representatives"
    Then the response field "data" is a list of 0 items

    Examples:
      | case                   | status | le                                   | requestor                            | body |
      | no last name           | 400    | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | {"firstName": "Greta", "birthDay": "1970-05-05"} |
      | a CREATED requestor    | 400    | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 | {"firstName": "Greta", "lastName": "G", "birthDay": "1970-05-05"} |
      | a natural person's id  | 404    | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | {"firstName": "Greta", "lastName": "G", "birthDay": "1970-05-05"} |

  Scenario: Beneficial owners are created, onboarded and changed
    When I POST "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/beneficial-owners" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstName": "Otto", "lastName": "Owner", "birthDay": "1960-02-02", "share": 60, "votingRights": 60, "uboRelationship": "SHAREHOLDER"}
      """
    Then the response status is 200
    And I save the response field "beneficialOwnerId" as "bo"
    When I GET "/entities/beneficial-owners/{bo}"
    Then the response field "beneficialOwnerStatus" is "CREATED"
    And the response field "beneficialOwnerType" is "REAL_UBO_25"
    And the response field "share" is the number 60
    When I POST "/entities/onboardings" with body:
      """
      {"entityType": "BENEFICIAL_OWNER", "entityId": "{bo}"}
      """
    Then the response status is 200
    And I save the response field "onboardingId" as "onb"
    When I GET "/entities/beneficial-owners/{bo}"
    Then the response field "beneficialOwnerStatus" is "PENDING"
    When the sandbox clock advances 60 seconds
    And I GET "/entities/beneficial-owners/{bo}"
    Then the response field "beneficialOwnerStatus" is "ACTIVE"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/roles/onboardings/{onb}"
    Then the response status is 404
    When I POST "/entities/onboardings" with body:
      """
      {"entityType": "BENEFICIAL_OWNER", "entityId": "{bo}"}
      """
    Then the response status is 409
    When I PATCH "/entities/beneficial-owners/{bo}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"share": 30}
      """
    Then the response status is 202
    When I PATCH "/entities/beneficial-owners/{bo}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"share": 10, "votingRights": 10}
      """
    Then the response status is 400
    And the error details name exactly the fields "share"
    When I GET "/entities/beneficial-owners/{bo}"
    Then the response field "share" is the number 30
    When I GET "/entities/beneficial-owners/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    Then the response status is 404
    When I PATCH "/entities/beneficial-owners/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"share": 30}
      """
    Then the response status is 404
    When I POST "/entities/onboardings" with body:
      """
      {"entityType": "BENEFICIAL_OWNER", "entityId": "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"}
      """
    Then the response status is 400
    And the error details name exactly the fields "entityId"

  Scenario: A beneficial owner with 25 % or less is no real UBO
    When I POST "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/beneficial-owners" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstName": "Otto", "lastName": "Owner", "birthDay": "1960-02-02", "share": 25}
      """
    Then the response status is 400
    And the error details name exactly the fields "share"

  Scenario: A natural person's identification by the partner
    When I POST "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02/identification" with body:
      """
      {"identificationDocumentType": "ID_CARD", "documentNumber": "L01X00T47", "issuingCountry": "DE",
       "expiresOn": "2035-01-01", "identifiedOn": "2030-01-01T08:00:00Z"}
      """
    Then the response status is 202
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "identification" is:
      """
      {"identificationDocumentType": "ID_CARD", "documentNumber": "L01X00T47", "issuingCountry": "DE",
       "expiresOn": "2035-01-01", "identifiedOn": "2030-01-01T08:00:00Z"}
      """
    When I POST "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02/identification" with body:
      """
      {"identificationDocumentType": "PASSPORT", "documentNumber": "C01X00T47", "issuingCountry": "DE",
       "expiresOn": "2020-01-01", "identifiedOn": "2030-01-01T08:00:00Z"}
      """
    Then the response status is 400
    And the error details name exactly the fields "expiresOn"
    When I POST "/entities/natural-persons/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f/identification" with body:
      """
      {"identificationDocumentType": "PASSPORT", "documentNumber": "C01X00T47", "issuingCountry": "DE",
       "expiresOn": "2035-01-01", "identifiedOn": "2030-01-01T08:00:00Z"}
      """
    Then the response status is 404
