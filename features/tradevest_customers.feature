@tradevest
Feature: Tradevest customers: create, list, read and update customer roles
  /roles/customers assigns an existing entity (a natural person, a legal
  entity or a joint person) the role of customer.

  POST /roles/customers {entityId, entityType, labels?, refAccounts?} answers
  200 {customerId}. The new customer is CREATED: assigning the role does not
  start onboarding. An entity that does not exist is a 400 naming entityId.
  An entity that already holds a customer role is a 409. A customer carries
  at most 16 labels, none of them empty. Each reference account needs an
  IBAN (^[A-Z]{2}[0-9A-Z]{14,31}$) and an ownerName; a BIC, when given, has
  8 or 11 characters. A Requestor-ID header is optional on POST, but when it
  is sent it must be the UUID of a natural person of the partner.

  GET /roles/customers lists customers newest first: at most `limit` (at
  least 1, default 20) per page, as {data, pagination: {cursor, limit}}. The
  cursor is passed back as ?cursor= and is "" on the last page. The filters
  entityId, customerStatus and customerType match exactly. labels is an
  array parameter: `labels=a&labels=b` returns the customers that carry all
  the labels given. A value is one whole label, commas included:
  `labels=a,b` asks for the label "a,b". All filters apply together.

  GET /roles/customers/{customerId} answers the customer. PATCH
  /roles/customers/{customerId} needs a Requestor-ID and answers 202 with no
  body. Its labels replace the customer's labels as a whole.

  Each scenario has a partner of its own ({partner}) holding the data of
  partner sandbox of the default fixtures: customer
  9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 is Max (natural person
  6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01), ACTIVE, labels vip and premium, one
  reference account. Customer …8b02 is the legal entity
  7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01, CREATED, label b2b, and was loaded
  after …8b01. Erika (…5e02), Lukas (…5e03) and the joint person
  8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01 have no customer role yet. Scenarios that
  check times freeze the sandbox clock after the fixtures were loaded.

  Background:
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"

  # POST /roles/customers

  @in-process
  Scenario: Create a customer for a natural person
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["newsletter", "hamburg"],
       "refAccounts": [{"iban": "DE02120300000000202051", "bic": "BYLADEM1001", "bankName": "Deutsche Kreditbank",
                        "ownerName": "Erika Musterfrau", "type": "PRIMARY"}]}
      """
    Then the response status is 200
    And the response field "customerId" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers/{erika_customer}"
    Then the response status is 200
    And the response body equals:
      """
      {"customerId": "{erika_customer}", "customerStatus": "CREATED", "customerType": "NATURAL_PERSON",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["newsletter", "hamburg"],
       "refAccounts": [{"iban": "DE02120300000000202051", "bic": "BYLADEM1001", "bankName": "Deutsche Kreditbank",
                        "ownerName": "Erika Musterfrau", "type": "PRIMARY"}],
       "signedDocumentsRelatedToCustomer": [],
       "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z",
       "approvedOn": null, "cancellationDate": null}
      """
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "roles" is:
      """
      [{"roleName": "CUSTOMER", "roleId": "{erika_customer}", "relatedCustomerId": "{erika_customer}"}]
      """

  Scenario: A customer created without labels or reference accounts has empty lists
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 200
    And I save the response field "customerId" as "lukas_customer"
    When I GET "/roles/customers/{lukas_customer}"
    Then the response status is 200
    And the response field "customerStatus" is "CREATED"
    And the response field "labels" is an array of 0 items
    And the response field "refAccounts" is an array of 0 items

  Scenario: Create a customer for a joint person
    When I POST "/roles/customers" with body:
      """
      {"entityId": "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01", "entityType": "JOINT_PERSON", "labels": ["family"]}
      """
    Then the response status is 200
    And I save the response field "customerId" as "couple_customer"
    When I GET "/roles/customers/{couple_customer}"
    Then the response field "entityId" is "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    And the response field "entityType" is "JOINT_PERSON"
    And the response field "customerType" is "JOINT_PERSON"
    And the response field "customerStatus" is "CREATED"
    When I GET "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    Then the response field "roles.0.roleId" is "{couple_customer}"

  Scenario: Create a customer for a legal entity
    When I POST "/entities/legal-entities" with body:
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"}}
      """
    And I save the response field "legalEntityId" as "beispiel"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "{beispiel}", "entityType": "LEGAL_ENTITY", "labels": ["b2b"]}
      """
    Then the response status is 200
    And I save the response field "customerId" as "beispiel_customer"
    When I GET "/roles/customers/{beispiel_customer}"
    Then the response field "entityId" is "{beispiel}"
    And the response field "entityType" is "LEGAL_ENTITY"
    And the response field "customerType" is "LEGAL_ENTITY"
    And the response field "labels" lists, in any order, "b2b"

  Scenario: A customer's status cannot be set on create
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "customerStatus": "ACTIVE", "refAccounts": [{"iban": "DE02120300000000202051", "ownerName": "Erika Musterfrau", "note": "x"}]}
      """
    Then the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "CREATED"
    And the response field "refAccounts" is:
      """
      [{"iban": "DE02120300000000202051", "ownerName": "Erika Musterfrau"}]
      """

  Scenario: A customer may carry 16 labels
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "l16"]}
      """
    Then the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "labels" lists, in any order, "l01, l02, l03, l04, l05, l06, l07, l08, l09, l10, l11, l12, l13, l14, l15, l16"

  Scenario Outline: A customer without <field> is refused and not stored
    When I POST "/roles/customers" with this body, leaving out "<field>":
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the response field "responseType" is "BAD_REQUEST"
    And the error details name exactly the fields "<field>"
    When I GET "/roles/customers"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

    Examples:
      | field      |
      | entityId   |
      | entityType |

  Scenario: A customer request without a body is refused
    When I POST "/roles/customers"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    When I GET "/roles/customers"
    Then the response field "data" is a list of 2 items

  Scenario Outline: A customer with <case> is refused and not stored
    When I POST "/roles/customers" with this body, where "<field>" is <value>:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": ["new"],
       "refAccounts": [{"iban": "DE02120300000000202051", "bic": "BYLADEM1001", "bankName": "Deutsche Kreditbank",
                        "ownerName": "Erika Musterfrau", "type": "PRIMARY"}]}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name a field within "<named>"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "data" is a list of 0 items

    Examples:
      | case                           | field                  | value                                                                                                      | named       |
      | an entityId that is no UUID    | entityId               | "erika"                                                                                                    | entityId    |
      | an unknown entityType          | entityType             | "PERSON"                                                                                                   | entityType  |
      | 17 labels                      | labels                 | ["l01","l02","l03","l04","l05","l06","l07","l08","l09","l10","l11","l12","l13","l14","l15","l16","l17"]   | labels      |
      | an empty label                 | labels                 | ["new", ""]                                                                                                | labels      |
      | labels that are no list        | labels                 | "new"                                                                                                      | labels      |
      | an IBAN with spaces            | refAccounts.0.iban     | "DE02 1203 0000 0000 2020 51"                                                                              | refAccounts |
      | an IBAN in lower case          | refAccounts.0.iban     | "de02120300000000202051"                                                                                   | refAccounts |
      | an IBAN that is too short      | refAccounts.0.iban     | "DE0212030000"                                                                                             | refAccounts |
      | a BIC of 9 characters          | refAccounts.0.bic      | "BYLADEM10"                                                                                                | refAccounts |
      | a BIC with a digit in the bank | refAccounts.0.bic      | "BY1ADEM1001"                                                                                              | refAccounts |
      | a blank ownerName              | refAccounts.0.ownerName | "   "                                                                                                     | refAccounts |
      | an unknown account type        | refAccounts.0.type     | "SECONDARY"                                                                                                | refAccounts |
      | an account without IBAN        | refAccounts.0          | {"ownerName": "Erika Musterfrau"}                                                                          | refAccounts |
      | an account without ownerName   | refAccounts.0          | {"iban": "DE02120300000000202051"}                                                                         | refAccounts |

  Scenario: A customer for an entity that does not exist is refused
    When I POST "/roles/customers" with body:
      """
      {"entityId": "00000000-0000-4000-8000-000000000000", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "entityId"
    When I GET "/roles/customers?entityId=00000000-0000-4000-8000-000000000000"
    Then the response field "data" is a list of 0 items

  Scenario: A customer whose entityType does not match the entity is refused
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "LEGAL_ENTITY"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "data" is a list of 0 items
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "roles" is an array of 0 items

  Scenario: An entity holds at most one customer role
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "labels": ["second"]}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    And the response field "responseType" is "CONFLICT"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And the response field "data.0.labels" lists, in any order, "vip, premium"

  Scenario: A customer created with a Requestor-ID
    When I POST "/roles/customers" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "entityId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"

  Scenario Outline: A customer created with <case> as Requestor-ID is refused
    When I POST "/roles/customers" with the Requestor-ID "<requestor>" and body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "Requestor-ID"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "data" is a list of 0 items

    Examples:
      | case                      | requestor                            |
      | a value that is no UUID   | erika                                |
      | an unknown UUID           | 00000000-0000-4000-8000-000000000000 |
      | a legal entity's id       | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | a joint person's id       | 8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01 |
      | another partner's person  | 5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01 |

  # GET /roles/customers

  @in-process
  Scenario: Customers are listed newest first
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"
    And the sandbox clock advances 1 second
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "lukas_customer"
    When I GET "/roles/customers"
    Then the response status is 200
    And the "customerId" of the items in "data" are "{lukas_customer}, {erika_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And the response field "data.0.createdOn" is "2030-01-01T09:00:01.000Z"
    And the response field "data.1.createdOn" is "2030-01-01T09:00:00.000Z"
    And the response field "pagination" is:
      """
      {"cursor": "", "limit": 20}
      """

  Scenario: A listed customer has the same fields as GET by id
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 200
    And the response field "data" is a list of 1 item
    And I keep the response body as "list"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response body equals item 0 of "data" in the kept "list"

  @in-process
  Scenario: Without a limit a page holds 20 customers
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given 20 Tradevest customers created one second apart
    When I GET "/roles/customers"
    Then the response status is 200
    And the response field "data" is a list of 20 items
    And the response field "data.0.customerId" is "{customer_20}"
    And the response field "data.19.customerId" is "{customer_1}"
    And the response field "pagination.limit" is the number 20
    And the response field "pagination.cursor" is other than ""
    When I save the response field "pagination.cursor" as "next"
    And I GET "/roles/customers?cursor={next}"
    Then the response status is 200
    And the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And the response field "pagination" is:
      """
      {"cursor": "", "limit": 20}
      """

  @in-process
  Scenario: Paging with limit=1 gives every customer exactly once
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given 3 Tradevest customers created one second apart
    When I page through "/roles/customers?limit=1" following pagination.cursor
    Then paging took 5 requests
    And the "customerId" of the paged items are "{customer_3}, {customer_2}, {customer_1}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  @in-process
  Scenario: Paging keeps its place when a customer is created between pages
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given 3 Tradevest customers created one second apart
    When I GET "/roles/customers?limit=2"
    Then the "customerId" of the items in "data" are "{customer_3}, {customer_2}"
    When I save the response field "pagination.cursor" as "next"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And the response status is 200
    And I GET "/roles/customers?limit=2&cursor={next}"
    Then the "customerId" of the items in "data" are "{customer_1}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"

  @in-process
  Scenario: Paging through a filtered customer role list by cursor
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given 3 Tradevest customers created one second apart
    When I page through "/roles/customers?customerType=NATURAL_PERSON&limit=2" following pagination.cursor
    Then paging took 2 requests
    And the "customerId" of the paged items are "{customer_3}, {customer_2}, {customer_1}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  Scenario Outline: Filter customers by <filter>
    When I GET "/roles/customers?<query>"
    Then the response status is 200
    And the "customerId" of the items in "data" are "<customers>"
    And the response field "pagination.cursor" is ""

    Examples:
      | filter                          | query                                                   | customers                                                                   |
      | entityId                        | entityId=7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01           | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02                                        |
      | an entity without customer role | entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03           |                                                                             |
      | customerStatus ACTIVE           | customerStatus=ACTIVE                                   | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                                        |
      | customerStatus CREATED          | customerStatus=CREATED                                  | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02                                        |
      | customerStatus REJECTED         | customerStatus=REJECTED                                 |                                                                             |
      | customerType NATURAL_PERSON     | customerType=NATURAL_PERSON                             | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                                        |
      | customerType LEGAL_ENTITY       | customerType=LEGAL_ENTITY                               | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02                                        |
      | customerType JOINT_PERSON       | customerType=JOINT_PERSON                               |                                                                             |
      | one label                       | labels=vip                                              | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                                        |
      | two repeated labels             | labels=vip&labels=premium                               | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                                        |
      | a comma in one value is no list | labels=premium,vip                                      |                                                                             |
      | labels no customer has together | labels=vip&labels=b2b                                   |                                                                             |
      | comma labels none has together  | labels=vip,b2b                                          |                                                                             |
      | a label nobody carries          | labels=gold                                             |                                                                             |
      | a label and the customerType    | labels=b2b&customerType=LEGAL_ENTITY                    | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02                                        |
      | a label and another type        | labels=b2b&customerType=NATURAL_PERSON                  |                                                                             |
      | status and entityId             | customerStatus=ACTIVE&entityId=7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |                                                                 |

  Scenario: A filter on labels matches whole labels, case included
    When I GET "/roles/customers?labels=VIP"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customers?labels=vi"
    Then the response field "data" is a list of 0 items

  Scenario Outline: A customer list with <case> is refused
    When I GET "/roles/customers?<query>"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the response field "responseType" is "BAD_REQUEST"
    And the error details name the field "<field>"

    Examples:
      | case                     | query                                                                                                                              | field          |
      | an unknown status        | customerStatus=NOPE                                                                                                                | customerStatus |
      | a status in lower case   | customerStatus=active                                                                                                              | customerStatus |
      | an unknown customerType  | customerType=PERSON                                                                                                                | customerType   |
      | limit 0                  | limit=0                                                                                                                            | limit          |
      | a limit that is text     | limit=all                                                                                                                          | limit          |
      | a limit above 100        | limit=101                                                                                                                          | limit          |
      | an entityId no UUID      | entityId=not-a-uuid                                                                                                                | entityId       |
      | a made-up cursor         | cursor=bogus                                                                                                                       | cursor         |
      | 17 labels                | labels=l01&labels=l02&labels=l03&labels=l04&labels=l05&labels=l06&labels=l07&labels=l08&labels=l09&labels=l10&labels=l11&labels=l12&labels=l13&labels=l14&labels=l15&labels=l16&labels=l17 | labels |

  # GET /roles/customers/{customerId}

  Scenario: Get a customer
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 200
    And the response body equals, ignoring "createdOn, modifiedOn, approvedOn":
      """
      {"customerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "customerStatus": "ACTIVE", "customerType": "NATURAL_PERSON",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON",
       "labels": ["vip", "premium"],
       "refAccounts": [{"iban": "DE89370400440532013000", "bic": "COBADEFFXXX", "bankName": "Commerzbank",
                        "ownerName": "Max Mustermann", "type": "PRIMARY"}],
       "signedDocumentsRelatedToCustomer": [], "cancellationDate": null}
      """
    And the response field "createdOn" matches "^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"

  Scenario: A customer id that is no UUID is a 400
    When I GET "/roles/customers/max"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "customerId"

  Scenario: An unknown customer is a 404
    When I GET "/roles/customers/00000000-0000-4000-8000-000000000000"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "responseType" is "NOT_FOUND"
    And the response field "message" is "Customer not found"

  Scenario: An entity's id is not a customer id
    When I GET "/roles/customers/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 404

  # PATCH /roles/customers/{customerId}

  @in-process
  Scenario: Update a customer's labels
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 120 seconds
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["gold", "berlin"]}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "gold, berlin"
    And the response field "modifiedOn" is "2030-01-01T09:02:00.000Z"
    And the response field "customerStatus" is "ACTIVE"
    And the response field "refAccounts.0.iban" is "DE89370400440532013000"
    When I GET "/roles/customers?labels=vip"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customers?labels=gold&labels=berlin"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  @in-process
  Scenario: An update keeps the customer's createdOn and place in the list
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And I save the response field "createdOn" as "created"
    When the sandbox clock advances 10 seconds
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["vip"]}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "createdOn" is "{created}"
    And the response field "modifiedOn" is "2030-01-01T09:00:10.000Z"
    When I GET "/roles/customers"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  Scenario: An empty list of labels removes every label
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": []}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" is an array of 0 items

  Scenario: An update without labels leaves the labels as they are
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

  Scenario: Updating a customer needs a Requestor-ID
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "Requestor-ID"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

  Scenario Outline: Updating a customer with <case> as Requestor-ID is refused
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "<requestor>" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "Requestor-ID"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

    Examples:
      | case                      | requestor                            |
      | a value that is no UUID   | max                                  |
      | an unknown natural person | 00000000-0000-4000-8000-000000000000 |
      | a legal entity's id       | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | another partner's person  | 5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01 |

  Scenario Outline: Updating a customer with <case> is refused and changes nothing
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": <labels>}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name a field within "labels"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

    Examples:
      | case                  | labels                                                                                                   |
      | 17 labels             | ["l01","l02","l03","l04","l05","l06","l07","l08","l09","l10","l11","l12","l13","l14","l15","l16","l17"] |
      | an empty label        | ["gold", ""]                                                                                             |
      | labels that are text  | "gold"                                                                                                   |
      | a label that is a number | [7]                                                                                                   |

  Scenario: A customer id that is no UUID cannot be updated
    When I PATCH "/roles/customers/max" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 400
    And the error details name the field "customerId"
