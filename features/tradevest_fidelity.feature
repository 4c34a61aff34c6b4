@tradevest
Feature: Tradevest fidelity: ids in any case, the labels array, duplicates and no-ops
  UUIDs are case-insensitive. An id in upper case (Swift's uuidString,
  .NET's ToString("D").ToUpper()) finds the same record as in lower case,
  wherever it is sent: in the path, in a body field that holds an id, in a
  query parameter or in the Requestor-ID header. Ids are stored and answered
  in lower case.

  labels on GET /roles/customers is an array parameter: every repeated
  labels=… applies (all of them must match), and a value is one whole
  label, commas included.

  The same two natural persons (in either order) as a joint person twice is a
  duplicate (409). The two persons of a joint person cannot change: a PATCH
  that names another one is a 400 naming the field. A PATCH of a customer
  that changes nothing stores nothing, modifiedOn included. Country codes
  must be ISO 3166-1 alpha-2 codes that exist; names of only spaces are
  refused. An error detail carries the limit it broke as its parameter.

  Each scenario has a partner of its own ({partner}) holding the data of
  partner sandbox of the default fixtures: customer
  9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 is Max (natural person
  6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01, labels vip and premium), customer
  …8b02 is the legal entity 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01; Erika
  (…5e02) and Lukas (…5e03) have no customer role; the joint person
  8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01 is Max and Erika.

  Background:
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"

  # Ids are case-insensitive

  Scenario Outline: A <what> is found by its id in upper case
    When I GET "<path>"
    Then the response status is 200
    And the response field "<field>" is "<id>"

    Examples:
      | what           | path                                                           | field           | id                                   |
      | customer       | /roles/customers/9E3B5C2F-4A7D-4F1B-8D8A-5C4E6F7A8B01          | customerId      | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 |
      | natural person | /entities/natural-persons/6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01 | naturalPersonId | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 |
      | legal entity   | /entities/legal-entities/7C1F3A0D-2E5B-4D9F-8B68-3A2C4D5E6F01  | legalEntityId   | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | joint person   | /entities/joint-persons/8D2A4B1E-3F6C-4E0A-9C79-4B3D5E6F7A01   | jointPersonId   | 8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01 |
      | mixed case     | /roles/customers/9e3B5c2F-4a7D-4f1B-8d8A-5c4E6f7A8b01          | customerId      | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 |

  @in-process
  Scenario: A customer is updated by its id and a Requestor-ID in upper case
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 10 seconds
    And I PATCH "/roles/customers/9E3B5C2F-4A7D-4F1B-8D8A-5C4E6F7A8B01" with the Requestor-ID "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "gold"
    And the response field "modifiedOn" is "2030-01-01T09:00:10.000Z"

  Scenario: An unknown id in upper case is still unknown
    When I GET "/roles/customers/00000000-0000-4000-8000-00000000000A"
    Then the response status is 404
    And the response field "message" is "Customer not found"

  Scenario: A customer role for an entity named in upper case, stored in lower case
    When I POST "/roles/customers" with the Requestor-ID "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01" and body:
      """
      {"entityId": "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "entityId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    When I GET "/roles/customers?entityId=6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E02"
    Then the "customerId" of the items in "data" are "{erika_customer}"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "roles.0.roleId" is "{erika_customer}"
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 409

  Scenario: A customer id in upper case in a label request and an onboarding
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "lukas_customer"
    And I save "{lukas_customer}" in upper case as "lukas_upper"
    When I PATCH "/roles/customer-labels/berlin/customers" with body:
      """
      ["{lukas_upper}", "9E3B5C2F-4A7D-4F1B-8D8A-5C4E6F7A8B01"]
      """
    Then the response status is 202
    When I GET "/roles/customers?labels=berlin"
    Then the "customerId" of the items in "data" are "{lukas_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{lukas_upper}"}
      """
    Then the response status is 200
    And I save the response field "onboardingId" as "onboarding"
    And I save "{onboarding}" in upper case as "onboarding_upper"
    When I GET "/roles/onboardings/{onboarding_upper}"
    Then the response status is 200
    And the response field "onboardingId" is "{onboarding}"
    And the response field "roleId" is "{lukas_customer}"

  Scenario: A joint person of persons named in upper case, stored in lower case
    When I POST "/entities/joint-persons" with the Requestor-ID "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01" and body:
      """
      {"firstNaturalPersonId": "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E02",
       "secondNaturalPersonId": "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E03"}
      """
    Then the response status is 200
    And I save the response field "jointPersonId" as "couple"
    When I GET "/entities/joint-persons/{couple}"
    Then the response field "firstNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    And the response field "secondNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"

  Scenario: An entity update with a Requestor-ID in upper case
    When I PATCH "/entities/legal-entities/7C1F3A0D-2E5B-4D9F-8B68-3A2C4D5E6F01" with the Requestor-ID "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01" and body:
      """
      {"purpose": "Trading"}
      """
    Then the response status is 202
    When I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response field "purpose" is "Trading"

  # The labels filter is an array

  Scenario: A label with a comma is filtered on as one label
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": ["a,b", "vip"]}
      """
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers?labels=a,b"
    Then the "customerId" of the items in "data" are "{erika_customer}"
    When I GET "/roles/customers?labels=a%2Cb"
    Then the "customerId" of the items in "data" are "{erika_customer}"
    When I GET "/roles/customers?labels=a"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customers?labels=vip,a"
    Then the response field "data" is a list of 0 items

  Scenario Outline: Repeated labels all apply (<case>)
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": ["a,b", "vip"]}
      """
    And I save the response field "customerId" as "erika_customer"
    When I GET "/roles/customers?<query>"
    Then the response status is 200
    And the "customerId" of the items in "data" are "<customers>"

    Examples:
      | case                          | query                           | customers                                                |
      | both carry vip                | labels=vip                      | {erika_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01   |
      | only Erika carries both       | labels=vip&labels=a,b           | {erika_customer}                                         |
      | only Max carries both         | labels=premium&labels=vip       | 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                     |
      | nobody carries all three      | labels=premium&labels=vip&labels=a,b |                                                     |
      | the same label twice          | labels=vip&labels=vip           | {erika_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01   |

  Scenario: An empty label in the filter is refused
    When I GET "/roles/customers?labels=vip&labels="
    Then the response status is 400
    And the error details name exactly the fields "labels.1"

  Scenario: 17 labels in the filter are refused, with the limit as parameter
    When I GET "/roles/customers?labels=l01&labels=l02&labels=l03&labels=l04&labels=l05&labels=l06&labels=l07&labels=l08&labels=l09&labels=l10&labels=l11&labels=l12&labels=l13&labels=l14&labels=l15&labels=l16&labels=l17"
    Then the response status is 400
    And the error details name exactly the fields "labels"
    And the response field "errorDetails.0.errors.0.code" is "MAX_ITEMS"
    And the response field "errorDetails.0.errors.0.parameter" is "16"

  # Duplicates

  Scenario Outline: The same two natural persons as a joint person twice is a duplicate (<case>)
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "<first>", "secondNaturalPersonId": "<second>"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    And the response field "message" matches "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

    Examples:
      | case           | first                                | second                               |
      | the same order | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 |
      | swapped        | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 |
      | upper case     | 6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E02 | 6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01 |

  Scenario: A joint person created through the API is a duplicate too
    Given I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"}
      """
    And the response status is 200
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03", "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"}
      """
    Then the response status is 409
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"}
      """
    Then the response status is 200

  # The persons of a joint person cannot change

  @in-process
  Scenario Outline: A joint person update that changes <field> is refused and changes nothing
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 10 seconds
    And I PATCH "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01" with body:
      """
      {"<field>": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03", "externalId": "jp-changed"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "<field>"
    And the response field "errorDetails.0.errors.0.code" is "IMMUTABLE"
    When I GET "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    Then the response field "firstNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    And the response field "secondNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    And the response has no field "externalId"
    And the response field "modifiedOn" is other than "2030-01-01T09:00:10.000Z"

    Examples:
      | field                 |
      | firstNaturalPersonId  |
      | secondNaturalPersonId |

  Scenario: A joint person update may name its own persons, in any case
    When I PATCH "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01" with body:
      """
      {"firstNaturalPersonId": "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "externalId": "jp-max-erika"}
      """
    Then the response status is 202
    When I GET "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    Then the response field "externalId" is "jp-max-erika"
    And the response field "firstNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

  Scenario: Swapping the persons of a joint person is a change, and refused
    When I PATCH "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01" with body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"}
      """
    Then the response status is 400
    And the error details name a field within "firstNaturalPersonId"

  # A PATCH that changes nothing

  @in-process
  Scenario: A customer PATCH with an empty body changes nothing, modifiedOn included
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And I keep the response body as "before"
    When the sandbox clock advances 60 seconds
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response body equals the kept "before"

  @in-process
  Scenario: A customer PATCH with the labels it has changes nothing
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And I keep the response body as "before"
    When the sandbox clock advances 60 seconds
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["vip", "premium"]}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response body equals the kept "before"

  Scenario: An empty customer PATCH still needs a known customer and a Requestor-ID
    When I PATCH "/roles/customers/00000000-0000-4000-8000-000000000000" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {}
      """
    Then the response status is 404
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with body:
      """
      {}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"

  # Country codes that exist, names that are not blank

  Scenario Outline: A natural person with <case> is refused and not stored
    When I POST "/entities/natural-persons" with this body, where "<field>" is <value>:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha", "birthCountry": "CZ",
       "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"},
       "taxDetails": [{"taxId": "123", "taxResidency": "CZ"}]}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "<field>"
    And the response field "errorDetails.0.errors.0.code" is "<code>"
    And the response field "errorDetails.0.errors.0.parameter" is "<parameter>"
    When I GET "/entities/natural-persons"
    Then the response field "data" is a list of 3 items

    Examples:
      | case                                 | field                         | value   | code    | parameter         |
      | birthCountry XX                      | birthCountry                  | "XX"    | FORMAT  | iso3166-1-alpha-2 |
      | birthCountry UK (GB is the code)     | birthCountry                  | "UK"    | FORMAT  | iso3166-1-alpha-2 |
      | birthCountry EU                      | birthCountry                  | "EU"    | FORMAT  | iso3166-1-alpha-2 |
      | a nationality XX                     | nationalities.0.countryCode   | "XX"    | FORMAT  | iso3166-1-alpha-2 |
      | an address country ZZ                | mainAddress.country           | "ZZ"    | FORMAT  | iso3166-1-alpha-2 |
      | a tax residency AA                   | taxDetails.0.taxResidency     | "AA"    | FORMAT  | iso3166-1-alpha-2 |
      | a firstName of only spaces           | firstName                     | "   "   | PATTERN | ^.*\\S+.*$        |
      | a lastName of one space              | lastName                      | " "     | PATTERN | ^.*\\S+.*$        |
      | a birthPlace of a tab                | birthPlace                    | "\t"    | PATTERN | ^.*\\S+.*$        |
      | a street of only spaces              | mainAddress.street            | "  "    | PATTERN | ^.*\\S+.*$        |
      | a city of only spaces                | mainAddress.city              | "  "    | PATTERN | ^.*\\S+.*$        |

  Scenario Outline: Country codes that exist are accepted (<code>)
    When I POST "/entities/natural-persons" with this body, where "birthCountry" is "<code>":
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Somewhere", "birthCountry": "CZ",
       "nationalities": [{"countryCode": "<code>"}],
       "mainAddress": {"street": "Main", "streetNumber": "1", "city": "Somewhere", "zip": "1", "country": "<code>"}}
      """
    Then the response status is 200

    Examples:
      | code |
      | AX   |
      | GB   |
      | SS   |
      | ZW   |
      | AD   |

  Scenario: A name with spaces around other characters is kept as sent
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": " Jana ", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha", "birthCountry": "CZ",
       "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    Then the response status is 200
    And I save the response field "naturalPersonId" as "jana"
    When I GET "/entities/natural-persons/{jana}"
    Then the response field "firstName" is " Jana "

  Scenario: A natural person update to a country that does not exist changes nothing
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" with body:
      """
      {"birthCountry": "XX", "lastName": "  "}
      """
    Then the response status is 400
    And the error details name exactly the fields "birthCountry, lastName"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response field "birthCountry" is "DE"
    And the response field "lastName" is "Mustermann"

  Scenario Outline: A legal entity with <case> is refused
    When I POST "/entities/legal-entities" with this body, where "<field>" is <value>:
      """
      {"legalName": "Neue Firma GmbH", "legalForm": "LIMITED_LIABILITY_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 999999",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "1", "city": "München", "zip": "80331", "country": "DE"}}
      """
    Then the response status is 400
    And the error details name exactly the fields "<field>"

    Examples:
      | case                       | field           | value |
      | registerCountry XX         | registerCountry | "XX"  |
      | a legalName of only spaces | legalName       | "   " |

  # The limit a request broke

  Scenario: A customer with 17 labels is refused, naming the limit
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "l16", "l17"]}
      """
    Then the response status is 400
    And the response body contains:
      """
      {"errorDetails": [{"field": "labels", "errors": [{"code": "MAX_ITEMS", "parameter": "16"}]}]}
      """

  Scenario: Labelling a customer that already has 16 labels names the limit
    Given I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "l16"]}
      """
    When I PATCH "/roles/customer-labels/l17/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"]
      """
    Then the response status is 400
    And the response field "errorDetails.0.errors.0.code" is "MAX_ITEMS"
    And the response field "errorDetails.0.errors.0.parameter" is "16"

  Scenario: A label shorter than its minimum names the minimum
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": [""]}
      """
    Then the response status is 400
    And the response body contains:
      """
      {"errorDetails": [{"field": "labels.0", "errors": [{"code": "MIN_LENGTH", "parameter": "1"}]}]}
      """
