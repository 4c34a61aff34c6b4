@tradevest
Feature: Tradevest entities: natural persons, legal entities and joint persons
  An entity must exist before it can take a role. Entities are created with
  POST /entities/natural-persons, /entities/legal-entities and
  /entities/joint-persons, which answer 200 with the new id
  ({naturalPersonId}, {legalEntityId}, {jointPersonId}). GET …/{id} answers
  the stored fields plus the id, a 12-character globalId, the status (CREATED
  for a new entity), createdOn, modifiedOn and the roles the entity holds.
  PATCH …/{id} changes the fields it is given and answers 202 with no body.
  GET on the collection lists the entities newest first, at most `limit`
  (default 20) per page, with {data, pagination: {cursor, limit}}; the cursor
  is passed back as ?cursor= and is "" on the last page.

  A natural person needs firstName, lastName, birthDay (YYYY-MM-DD, in the
  past), birthPlace, birthCountry (ISO alpha-2), nationalities (at least one)
  and mainAddress (street, streetNumber, city, zip, country). The same first
  name, last name, birth day, birth place and birth country twice for one
  partner is a duplicate (409), as is a reused externalId. A legal entity
  needs legalName, legalForm, registerCountry, registerNumber and
  mainAddress. A joint person needs two distinct existing natural persons and
  a Requestor-ID header: the UUID of the natural person who acts.

  Fields a request may not carry are dropped. A request that breaks the
  rules answers 400 with an ErrorMessage whose errorDetails name each field
  at fault, and stores nothing.

  Each scenario has a partner of its own ({partner}) holding the data of
  partner sandbox of the default fixtures, with the
  natural persons Max (6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01, externalId
  np-max, customer role 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01), Erika (…5e02)
  and Lukas (…5e03), loaded in that order; the legal entity Musterfirma GmbH
  (7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01, externalId le-musterfirma, customer
  role …8b02) and the joint person of Max and Erika
  (8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01). Scenarios that check
  times freeze the sandbox clock after the fixtures were loaded.

  Background:
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"

  # Natural persons: create and read

  @in-process
  Scenario: Create a natural person
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "gender": "FEMALE", "birthDay": "1992-06-15",
       "birthPlace": "Praha", "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}], "language": "cs",
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"},
       "contact": {"email": "jana@example.com"}, "externalId": "np-jana"}
      """
    Then the response status is 200
    And the response field "naturalPersonId" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And I save the response field "naturalPersonId" as "jana"
    When I GET "/entities/natural-persons/{jana}"
    Then the response status is 200
    And the response field "naturalPersonId" is "{jana}"
    And the response field "globalId" matches "^[A-Z0-9]{12}$"
    And the response body equals, ignoring "naturalPersonId, globalId":
      """
      {"firstName": "Jana", "lastName": "Novak", "gender": "FEMALE", "birthDay": "1992-06-15",
       "birthPlace": "Praha", "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}], "language": "cs",
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"},
       "contact": {"email": "jana@example.com"}, "externalId": "np-jana",
       "naturalPersonStatus": "CREATED", "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z",
       "roles": []}
      """

  Scenario: Fields a natural person does not have are dropped
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}], "favouriteColour": "green",
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ", "floor": "3"}}
      """
    Then the response status is 200
    And I save the response field "naturalPersonId" as "jana"
    When I GET "/entities/natural-persons/{jana}"
    Then the response status is 200
    And the response has no field "favouriteColour"
    And the response has no field "mainAddress.floor"
    And the response field "mainAddress.zip" is "11000"

  Scenario: Each new natural person gets its own id and globalId
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    And I save the response field "naturalPersonId" as "jana"
    And I GET "/entities/natural-persons/{jana}"
    And I save the response field "globalId" as "jana_global"
    And I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Petr", "lastName": "Novak", "birthDay": "1990-02-01", "birthPlace": "Brno",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    Then the response status is 200
    And the response field "naturalPersonId" is other than "{jana}"
    When I save the response field "naturalPersonId" as "petr"
    And I GET "/entities/natural-persons/{petr}"
    Then the response field "globalId" is other than "{jana_global}"
    And the response field "globalId" matches "^[A-Z0-9]{12}$"

  Scenario: A natural person with a customer role shows it among its roles
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 200
    And the response field "firstName" is "Max"
    And the response field "externalId" is "np-max"
    And the response field "roles" is:
      """
      [{"roleName": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
        "relatedCustomerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"}]
      """
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the response field "roles" is an array of 0 items

  Scenario: An unknown natural person is a 404
    When I GET "/entities/natural-persons/00000000-0000-4000-8000-000000000000"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "message" is "Entity not found"

  Scenario: A legal entity is not found among the natural persons
    When I GET "/entities/natural-persons/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  Scenario: A natural person id that is no UUID is a 400
    When I GET "/entities/natural-persons/max"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "naturalPersonId"

  # Natural persons: the rules of a new one

  Scenario Outline: A natural person without <field> is refused and not stored
    When I POST "/entities/natural-persons" with this body, leaving out "<field>":
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the response field "responseType" is "BAD_REQUEST"
    And the error details name exactly the fields "<field>"
    When I GET "/entities/natural-persons"
    Then the "firstName" of the items in "data" are "Lukas, Erika, Max"

    Examples:
      | field                    |
      | firstName                |
      | lastName                 |
      | birthDay                 |
      | birthPlace               |
      | birthCountry             |
      | nationalities            |
      | mainAddress              |
      | mainAddress.street       |
      | mainAddress.streetNumber |
      | mainAddress.city         |
      | mainAddress.zip          |
      | mainAddress.country      |

  Scenario: Every missing field of a natural person is named at once
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "mainAddress": {"street": "Národní", "city": "Praha", "country": "CZ"}}
      """
    Then the response status is 400
    And the error details name exactly the fields "lastName, birthDay, birthPlace, birthCountry, nationalities, mainAddress.streetNumber, mainAddress.zip"

  Scenario Outline: A natural person with <case> is refused and not stored
    When I POST "/entities/natural-persons" with this body, where "<field>" is <value>:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"},
       "contact": {"email": "jana@example.com"}}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "<field>"
    When I GET "/entities/natural-persons"
    Then the "firstName" of the items in "data" are "Lukas, Erika, Max"

    Examples:
      | case                             | field                       | value                      |
      | a country name as birthCountry   | birthCountry                | "Germany"                  |
      | a lower-case birthCountry        | birthCountry                | "cz"                       |
      | a birthDay in the future         | birthDay                    | "2030-06-01"               |
      | a birthDay not in YYYY-MM-DD     | birthDay                    | "15.06.1992"               |
      | no nationality                   | nationalities               | []                         |
      | a nationality without country    | nationalities.0.countryCode | "Czechia"                  |
      | an empty firstName               | firstName                   | ""                         |
      | a country name in mainAddress    | mainAddress.country         | "Czech Republic"           |
      | an empty zip                     | mainAddress.zip             | ""                         |
      | a mainAddress that is no object  | mainAddress                 | "Národní 10, 11000 Praha"  |
      | an email that is no address      | contact.email               | "jana-at-example"          |
      | an unknown gender                | gender                      | "F"                        |
      | a language that is no ISO code   | language                    | "Czech"                    |

  Scenario: A natural person in Canada needs a state in the address
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Chloé", "lastName": "Tremblay", "birthDay": "1988-03-03", "birthPlace": "Montréal",
       "birthCountry": "CA", "nationalities": [{"countryCode": "CA"}],
       "mainAddress": {"street": "Rue Sainte-Catherine", "streetNumber": "1", "city": "Montréal", "zip": "H3B 1A1", "country": "CA"}}
      """
    Then the response status is 400
    And the error details name the field "mainAddress.state"

  Scenario: The same person twice is a duplicate
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Max", "lastName": "Mustermann", "birthDay": "1985-04-12", "birthPlace": "Berlin",
       "birthCountry": "DE", "nationalities": [{"countryCode": "DE"}],
       "mainAddress": {"street": "Alexanderplatz", "streetNumber": "1", "city": "Berlin", "zip": "10178", "country": "DE"}}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    And the response field "responseType" is "CONFLICT"
    When I GET "/entities/natural-persons"
    Then the "firstName" of the items in "data" are "Lukas, Erika, Max"

  Scenario: The same name with another birth day is another person
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Max", "lastName": "Mustermann", "birthDay": "1985-04-13", "birthPlace": "Berlin",
       "birthCountry": "DE", "nationalities": [{"countryCode": "DE"}],
       "mainAddress": {"street": "Alexanderplatz", "streetNumber": "1", "city": "Berlin", "zip": "10178", "country": "DE"}}
      """
    Then the response status is 200
    And the response field "naturalPersonId" is other than "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    When I GET "/entities/natural-persons"
    Then the "lastName" of the items in "data" are "Mustermann, Schmidt, Musterfrau, Mustermann"

  Scenario: A reused externalId is a duplicate
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}], "externalId": "np-max",
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I GET "/entities/natural-persons"
    Then the "firstName" of the items in "data" are "Lukas, Erika, Max"

  # Natural persons: PATCH

  @in-process
  Scenario: Update a natural person
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}], "contact": {"email": "jana@example.com"},
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    And I save the response field "naturalPersonId" as "jana"
    And the sandbox clock advances 90 seconds
    When I PATCH "/entities/natural-persons/{jana}" with body:
      """
      {"lastName": "Svobodová", "maritalStatus": "MARRIED",
       "mainAddress": {"street": "Vodičkova", "streetNumber": "7", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/entities/natural-persons/{jana}"
    Then the response status is 200
    And the response field "lastName" is "Svobodová"
    And the response field "maritalStatus" is "MARRIED"
    And the response field "mainAddress" is:
      """
      {"street": "Vodičkova", "streetNumber": "7", "city": "Praha", "zip": "11000", "country": "CZ"}
      """
    And the response field "firstName" is "Jana"
    And the response field "birthDay" is "1992-06-15"
    And the response field "contact.email" is "jana@example.com"
    And the response field "createdOn" is "2030-01-01T09:00:00.000Z"
    And the response field "modifiedOn" is "2030-01-01T09:01:30.000Z"
    And the response field "naturalPersonStatus" is "CREATED"

  Scenario: An object in an update replaces the stored one
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" with body:
      """
      {"contact": {"phone": "+49309876543"}}
      """
    Then the response status is 202
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response field "contact" is:
      """
      {"phone": "+49309876543"}
      """
    And the response field "mainAddress.street" is "Friedrichstraße"

  Scenario: An update that breaks a rule is refused and changes nothing
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" with body:
      """
      {"lastName": "Neumann", "birthCountry": "Germany"}
      """
    Then the response status is 400
    And the error details name exactly the fields "birthCountry"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "lastName" is "Musterfrau"
    And the response field "birthCountry" is "DE"

  Scenario: An update may not move a birth day into the future
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" with body:
      """
      {"birthDay": "2031-01-01"}
      """
    Then the response status is 400
    And the error details name the field "birthDay"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "birthDay" is "1990-08-03"

  Scenario: An update may not take another person's externalId
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03" with body:
      """
      {"externalId": "np-erika"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the response has no field "externalId"

  Scenario: An update may not make a person the duplicate of another
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03" with body:
      """
      {"firstName": "Erika", "lastName": "Musterfrau", "birthDay": "1990-08-03", "birthPlace": "Hamburg"}
      """
    Then the response status is 409
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the response field "firstName" is "Lukas"
    And the response field "birthPlace" is "München"

  # Natural persons: the list

  @in-process
  Scenario: Natural persons are listed newest first
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Jana", "lastName": "Novak", "birthDay": "1992-06-15", "birthPlace": "Praha",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    And the sandbox clock advances 1 second
    And I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Petr", "lastName": "Novak", "birthDay": "1990-02-01", "birthPlace": "Brno",
       "birthCountry": "CZ", "nationalities": [{"countryCode": "CZ"}],
       "mainAddress": {"street": "Národní", "streetNumber": "10", "city": "Praha", "zip": "11000", "country": "CZ"}}
      """
    When I GET "/entities/natural-persons"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Petr, Jana, Lukas, Erika, Max"
    And the response field "pagination" is:
      """
      {"cursor": "", "limit": 20}
      """
    And the response field "data.0.createdOn" is "2030-01-01T09:00:01.000Z"
    And the response field "data.0.globalId" matches "^[A-Z0-9]{12}$"

  Scenario: Page through the natural persons with limit and cursor
    When I GET "/entities/natural-persons?limit=2"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Lukas, Erika"
    And the response field "pagination.limit" is the number 2
    And the response field "pagination.cursor" is other than ""
    When I save the response field "pagination.cursor" as "next"
    And I GET "/entities/natural-persons?limit=2&cursor={next}"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Max"
    And the response field "pagination" is:
      """
      {"cursor": "", "limit": 2}
      """

  @in-process
  Scenario: Paging by cursor gives every natural person exactly once
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given 3 Tradevest customers created one second apart
    When I page through "/entities/natural-persons?limit=2" following pagination.cursor
    Then paging took 3 requests
    And the "firstName" of the paged items are "Person, Person, Person, Lukas, Erika, Max"
    And the "naturalPersonId" of the paged items are "{person_3}, {person_2}, {person_1}, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

  Scenario: Filter natural persons by status
    Given the fixture:
      """
      tradevest:
        partners:
          p-{new_aid}:
            clients:
              - {client_id: client-{new_aid}, client_secret: secret-{new_aid}}
            natural_persons:
              - {firstName: Ada, lastName: Active, naturalPersonStatus: ACTIVE, birthDay: "1970-01-01", birthPlace: Oslo, birthCountry: "NO",
                 nationalities: [{countryCode: "NO"}], mainAddress: {street: Gate, streetNumber: "1", city: Oslo, zip: "0150", country: "NO"}}
              - {firstName: Cecilie, lastName: Created, birthDay: "1971-01-01", birthPlace: Oslo, birthCountry: "NO",
                 nationalities: [{countryCode: "NO"}], mainAddress: {street: Gate, streetNumber: "2", city: Oslo, zip: "0150", country: "NO"}}
              - {firstName: Rolf, lastName: Review, naturalPersonStatus: REVIEW, birthDay: "1972-01-01", birthPlace: Oslo, birthCountry: "NO",
                 nationalities: [{countryCode: "NO"}], mainAddress: {street: Gate, streetNumber: "3", city: Oslo, zip: "0150", country: "NO"}}
              - {firstName: Anders, lastName: Active, naturalPersonStatus: ACTIVE, birthDay: "1973-01-01", birthPlace: Oslo, birthCountry: "NO",
                 nationalities: [{countryCode: "NO"}], mainAddress: {street: Gate, streetNumber: "4", city: Oslo, zip: "0150", country: "NO"}}
      """
    And I am authenticated with Tradevest as "client-{new_aid}" with secret "secret-{new_aid}"
    When I GET "/entities/natural-persons?naturalPersonStatus=ACTIVE"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Anders, Ada"
    And the "naturalPersonStatus" of the items in "data" are "ACTIVE, ACTIVE"
    When I GET "/entities/natural-persons?naturalPersonStatus=CREATED"
    Then the "firstName" of the items in "data" are "Cecilie"
    When I GET "/entities/natural-persons?naturalPersonStatus=REJECTED"
    Then the response body equals:
      """
      {"data": [], "pagination": {"cursor": "", "limit": 20}}
      """
    When I GET "/entities/natural-persons?naturalPersonStatus=ACTIVE&limit=1"
    Then the "firstName" of the items in "data" are "Anders"
    When I save the response field "pagination.cursor" as "next"
    And I GET "/entities/natural-persons?naturalPersonStatus=ACTIVE&limit=1&cursor={next}"
    Then the "firstName" of the items in "data" are "Ada"
    And the response field "pagination.cursor" is ""

  Scenario Outline: A natural person list with <case> is refused
    When I GET "/entities/natural-persons?<query>"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "<field>"

    Examples:
      | case                  | query                     | field               |
      | a made-up cursor      | cursor=not-a-cursor       | cursor              |
      | limit 0               | limit=0                   | limit               |
      | a negative limit      | limit=-5                  | limit               |
      | a limit that is text  | limit=ten                 | limit               |
      | a limit above 100     | limit=101                 | limit               |
      | an unknown status     | naturalPersonStatus=NOPE  | naturalPersonStatus |

  # Legal entities

  @in-process
  Scenario: Create a legal entity
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/entities/legal-entities" with body:
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321", "registerCourt": "Amtsgericht München", "foundedOn": "2001-05-01",
       "legalEntityIdentifier": "529900T8BM49AURSDO55",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"},
       "externalId": "le-beispiel", "searchId": "not-emulated"}
      """
    Then the response status is 200
    And the response field "legalEntityId" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And I save the response field "legalEntityId" as "beispiel"
    When I GET "/entities/legal-entities/{beispiel}"
    Then the response status is 200
    And the response field "legalEntityId" is "{beispiel}"
    And the response field "globalId" matches "^[A-Z0-9]{12}$"
    And the response body equals, ignoring "legalEntityId, globalId":
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321", "registerCourt": "Amtsgericht München", "foundedOn": "2001-05-01",
       "legalEntityIdentifier": "529900T8BM49AURSDO55",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"},
       "externalId": "le-beispiel",
       "legalEntityStatus": "CREATED", "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z",
       "roles": []}
      """

  Scenario: A legal entity with a customer role shows it among its roles
    When I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response status is 200
    And the response field "legalName" is "Musterfirma GmbH"
    And the response field "roles" is:
      """
      [{"roleName": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02",
        "relatedCustomerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}]
      """

  Scenario Outline: A legal entity without <field> is refused and not stored
    When I POST "/entities/legal-entities" with this body, leaving out "<field>":
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"}}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "<field>"
    When I GET "/entities/legal-entities"
    Then the "legalName" of the items in "data" are "Musterfirma GmbH"

    Examples:
      | field           |
      | legalName       |
      | legalForm       |
      | registerCountry |
      | registerNumber  |
      | mainAddress     |
      | mainAddress.zip |

  Scenario Outline: A legal entity with <case> is refused and not stored
    When I POST "/entities/legal-entities" with this body, where "<field>" is <value>:
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"}}
      """
    Then the response status is 400
    And the error details name the field "<field>"
    When I GET "/entities/legal-entities"
    Then the "legalName" of the items in "data" are "Musterfirma GmbH"

    Examples:
      | case                           | field                 | value                    |
      | a country name as register     | registerCountry       | "Germany"                |
      | an LEI of the wrong length     | legalEntityIdentifier | "529900T8BM49"           |
      | a foundedOn that is no date    | foundedOn             | "May 2001"               |
      | a negative revenue             | averageRevenue        | -1                       |
      | an empty legalName             | legalName             | ""                       |
      | a country name in mainAddress  | mainAddress.country   | "Deutschland"            |

  Scenario: A reused externalId makes a duplicate legal entity
    When I POST "/entities/legal-entities" with body:
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321", "externalId": "le-musterfirma",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"}}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I GET "/entities/legal-entities"
    Then the "legalName" of the items in "data" are "Musterfirma GmbH"

  @in-process
  Scenario: Update a legal entity
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 60 seconds
    And I PATCH "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01" with body:
      """
      {"legalName": "Musterfirma Holding GmbH", "vatId": "DE123456789"}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response field "legalName" is "Musterfirma Holding GmbH"
    And the response field "vatId" is "DE123456789"
    And the response field "registerNumber" is "HRB 123456"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: A legal entity update that breaks a rule changes nothing
    When I PATCH "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01" with body:
      """
      {"legalName": "Renamed GmbH", "registerCountry": "Deutschland"}
      """
    Then the response status is 400
    And the error details name exactly the fields "registerCountry"
    When I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response field "legalName" is "Musterfirma GmbH"

  Scenario: Legal entities are listed newest first and filtered by status
    When I POST "/entities/legal-entities" with body:
      """
      {"legalName": "Beispiel AG", "legalForm": "PUBLIC_LIMITED_COMPANY", "registerCountry": "DE",
       "registerNumber": "HRB 654321",
       "mainAddress": {"street": "Marienplatz", "streetNumber": "8", "city": "München", "zip": "80331", "country": "DE"}}
      """
    And I GET "/entities/legal-entities"
    Then the response status is 200
    And the "legalName" of the items in "data" are "Beispiel AG, Musterfirma GmbH"
    And the response field "pagination.cursor" is ""
    When I GET "/entities/legal-entities?limit=1"
    Then the "legalName" of the items in "data" are "Beispiel AG"
    And the response field "pagination.cursor" is other than ""
    When I GET "/entities/legal-entities?legalEntityStatus=REJECTED"
    Then the response field "data" is a list of 0 items
    When I GET "/entities/legal-entities?legalEntityStatus=NOPE"
    Then the response status is 400
    And the error details name the field "legalEntityStatus"

  Scenario: An unknown legal entity is a 404
    When I GET "/entities/legal-entities/00000000-0000-4000-8000-000000000000"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  # Joint persons

  @in-process
  Scenario: Create a joint person of two natural persons
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03",
       "externalId": "jp-erika-lukas",
       "mainAddress": {"street": "Jungfernstieg", "streetNumber": "7", "city": "Hamburg", "zip": "20354", "country": "DE"}}
      """
    Then the response status is 200
    And the response field "jointPersonId" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And I save the response field "jointPersonId" as "couple"
    When I GET "/entities/joint-persons/{couple}"
    Then the response status is 200
    And the response field "globalId" matches "^[A-Z0-9]{12}$"
    And the response body equals, ignoring "globalId":
      """
      {"jointPersonId": "{couple}",
       "firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03",
       "externalId": "jp-erika-lukas",
       "mainAddress": {"street": "Jungfernstieg", "streetNumber": "7", "city": "Hamburg", "zip": "20354", "country": "DE"},
       "jointPersonStatus": "CREATED", "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z",
       "roles": []}
      """
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "{couple}, 8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

  Scenario: Creating a joint person needs a Requestor-ID
    When I POST "/entities/joint-persons" with body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "Requestor-ID"
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

  Scenario Outline: A joint person with <case> as Requestor-ID is refused
    When I POST "/entities/joint-persons" with the Requestor-ID "<requestor>" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

    Examples:
      | case                        | requestor                            |
      | a value that is no UUID     | erika                                |
      | an unknown UUID             | 00000000-0000-4000-8000-000000000000 |
      | a legal entity's id         | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | another partner's person    | 5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01 |

  Scenario: A joint person of one natural person twice is refused
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

  Scenario Outline: A joint person with <case> as second person is refused
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "<id>"}
      """
    Then the response status is 400
    And the error details name exactly the fields "secondNaturalPersonId"
    When I GET "/entities/joint-persons"
    Then the "jointPersonId" of the items in "data" are "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"

    Examples:
      | case                      | id                                   |
      | an unknown id             | 00000000-0000-4000-8000-000000000000 |
      | a legal entity            | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | another partner's person  | 5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01 |
      | a value that is no UUID   | lukas                                |

  Scenario Outline: A joint person without <field> is refused
    When I POST "/entities/joint-persons" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and this body, leaving out "<field>":
      """
      {"firstNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "secondNaturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"}
      """
    Then the response status is 400
    And the error details name exactly the fields "<field>"

    Examples:
      | field                 |
      | firstNaturalPersonId  |
      | secondNaturalPersonId |

  @in-process
  Scenario: Update a joint person
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 30 seconds
    And I PATCH "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01" with body:
      """
      {"mainAddress": {"street": "Jungfernstieg", "streetNumber": "7", "city": "Hamburg", "zip": "20354", "country": "DE"},
       "externalId": "jp-max-erika"}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    Then the response field "mainAddress.city" is "Hamburg"
    And the response field "externalId" is "jp-max-erika"
    And the response field "firstNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    And the response field "secondNaturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    And the response field "modifiedOn" is "2030-01-01T09:00:30.000Z"

  Scenario: A joint person update that breaks a rule changes nothing
    When I PATCH "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01" with body:
      """
      {"externalId": "jp-max-erika", "mainAddress": {"street": "Jungfernstieg", "streetNumber": "7", "city": "Hamburg", "zip": "20354", "country": "Germany"}}
      """
    Then the response status is 400
    And the error details name exactly the fields "mainAddress.country"
    When I GET "/entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    Then the response has no field "externalId"
    And the response has no field "mainAddress"

  Scenario Outline: A joint person list with <case> is refused
    When I GET "/entities/joint-persons?<query>"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "<field>"

    Examples:
      | case              | query                   | field             |
      | limit 0           | limit=0                 | limit             |
      | a made-up cursor  | cursor=not-a-cursor     | cursor            |
      | an unknown status | jointPersonStatus=NOPE  | jointPersonStatus |

  Scenario: An unknown joint person is a 404
    When I GET "/entities/joint-persons/00000000-0000-4000-8000-000000000000"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
