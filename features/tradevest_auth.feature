@tradevest
Feature: Tradevest authentication and partners
  Every Tradevest call except the token request needs the header
  `Authorization: Bearer <access_token>`. A partner's API client gets the
  token from POST /oauth2/token (POST /connect/token is an alias). It sends
  form-encoded client credentials (grant_type=client_credentials, client_id,
  client_secret), or puts client_id and client_secret in HTTP Basic instead.
  The answer is {"access_token", "token_type": "Bearer", "expires_in": 3600}.
  The token lasts one hour on the sandbox clock and is valid for its own
  partner only: no partner ever sees another partner's data. The token
  endpoint's errors are OAuth2's, as the vendor's AWS Cognito token host
  answers them: {"error": "invalid_client"} with 401 for credentials that
  are wrong or missing, {"error": "invalid_request"} or
  {"error": "unsupported_grant_type"} with 400, each with an
  error_description.

  The default fixtures define partner "sandbox" (sandbox-client /
  sandbox-secret) and partner "other" (other-client / other-secret). Partner
  sandbox holds the natural persons Max (6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01),
  Erika (…5e02) and Lukas (…5e03), the legal entity
  7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01, the joint person
  8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01 and the customers
  9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 (Max) and …8b02 (the legal entity).
  Partner other holds only the natural person Anna
  (5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01).

  Every other error is an ErrorMessage {message, responseType, requestId,
  errorCode, errorDetails}. Its requestId is the X-Request-ID header of the
  same answer.

  # POST /oauth2/token

  @in-process
  Scenario: Get a Tradevest token with form-encoded client credentials
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret
      """
    Then the response status is 200
    And the response body equals, ignoring "access_token":
      """
      {"token_type": "Bearer", "expires_in": 3600}
      """
    And the response field "access_token" matches "^[\w-]+\.[\w-]+\.[\w-]+$"
    And the access token in the response expires 3600 seconds after real time
    When I save the response field "access_token" as "token"
    And I send the Authorization header "Bearer {token}"
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 200
    And the response field "customerId" is "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  Scenario: Get a Tradevest token with the client credentials in HTTP Basic
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials
      """
    Then the response status is 200
    And the response field "token_type" is "Bearer"
    And the response field "expires_in" is the number 3600
    When I save the response field "access_token" as "token"
    And I send the Authorization header "Bearer {token}"
    And I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 200
    And the response field "firstName" is "Max"

  Scenario: POST /connect/token is an alias of /oauth2/token and accepts a scope
    When I POST "/connect/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials&client_id=other-client&client_secret=other-secret&scope=tradevest.api
      """
    Then the response status is 200
    And the response body equals, ignoring "access_token":
      """
      {"token_type": "Bearer", "expires_in": 3600}
      """
    When I save the response field "access_token" as "token"
    And I send the Authorization header "Bearer {token}"
    And I GET "/entities/natural-persons/5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01"
    Then the response status is 200
    And the response field "firstName" is "Anna"

  Scenario: A wrong client secret gets no token
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials&client_id=sandbox-client&client_secret=wrong
      """
    Then the response status is 401
    And the response body equals:
      """
      {"error": "invalid_client", "error_description": "Invalid client credentials"}
      """
    And the response header "Cache-Control" is "no-store"

  Scenario Outline: Unknown or mismatched client credentials get no token (<case>)
    When I POST "<endpoint>" with content type "application/x-www-form-urlencoded" and body:
      """
      <form>
      """
    Then the response status is 401
    And the response field "error" is "invalid_client"
    And the response field "error_description" is "Invalid client credentials"
    And the response has no field "access_token"

    Examples:
      | case                             | endpoint       | form                                                                            |
      | unknown client                   | /oauth2/token  | grant_type=client_credentials&client_id=nobody-client&client_secret=nobody-secret |
      | another client's secret          | /oauth2/token  | grant_type=client_credentials&client_id=sandbox-client&client_secret=other-secret |
      | no client credentials at all     | /oauth2/token  | grant_type=client_credentials                                                   |
      | empty secret                     | /oauth2/token  | grant_type=client_credentials&client_id=sandbox-client&client_secret=           |
      | wrong secret on the alias        | /connect/token | grant_type=client_credentials&client_id=other-client&client_secret=sandbox-secret |

  Scenario: A wrong secret in HTTP Basic gets no token
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6d3Jvbmc="
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials
      """
    Then the response status is 401
    And the response field "error" is "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

  Scenario Outline: Only the client_credentials grant is supported (<case>)
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      <form>
      """
    Then the response status is 400
    And the response field "error" is "<error>"
    And the response field "error_description" matches "grant_type"
    And the response has no field "access_token"

    Examples:
      | case               | form                                                                      | error                  |
      | grant_type missing | client_id=sandbox-client&client_secret=sandbox-secret                     | invalid_request        |
      | password grant     | grant_type=password&client_id=sandbox-client&client_secret=sandbox-secret | unsupported_grant_type |
      | empty grant_type   | grant_type=&client_id=sandbox-client&client_secret=sandbox-secret         | invalid_request        |

  Scenario: The token request must be form-encoded, not JSON
    When I POST "/oauth2/token" with body:
      """
      {"grant_type": "client_credentials", "client_id": "sandbox-client", "client_secret": "sandbox-secret"}
      """
    Then the response status is 400
    And the response field "error" is "invalid_request"
    And the response has no field "access_token"

  Scenario: Every answer carries its own request id
    Given I send no access token
    When I GET "/roles/customers"
    And I save the response field "requestId" as "first"
    And I GET "/roles/customers"
    Then the response field "requestId" is other than "{first}"
    When I save the response header "X-Request-ID" as "second"
    Then the response field "requestId" is "{second}"

  # The bearer token

  Scenario Outline: A call without a token is refused: <method> <path>
    Given I send no access token
    When I <method> "<path>"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    And the response field "message" is "Full authentication is required to access this resource"
    When I save the response header "X-Request-ID" as "request_id"
    Then the response field "requestId" is "{request_id}"

    Examples:
      | method | path                                                                  |
      | GET    | /roles/customers                                                      |
      | POST   | /roles/customers                                                      |
      | GET    | /roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                 |
      | PATCH  | /roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01                 |
      | GET    | /entities/natural-persons                                             |
      | POST   | /entities/legal-entities                                              |
      | GET    | /entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01          |
      | GET    | /roles/customer-labels                                                |
      | DELETE | /roles/customer-labels/vip                                            |
      | POST   | /roles/onboardings                                                    |

  Scenario: A refused call changes nothing
    Given I send no access token
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["hacked"]}
      """
    Then the response status is 401
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

  Scenario Outline: A malformed or foreign token is refused (<case>)
    Given I send the Authorization header "<header>"
    When I GET "/roles/customers"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    And the response has no field "data"

    Examples:
      | case                        | header                                                                                                                                                               |
      | empty bearer                | Bearer                                                                                                                                                               |
      | not a JWT                   | Bearer not-a-jwt                                                                                                                                                     |
      | client credentials as Basic | Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ=                                                                                                                       |
      | signed with another key     | Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzYW5kYm94LWNsaWVudCIsInZlbmRvciI6InRyYWRldmVzdCIsInBhcnRuZXIiOiJzYW5kYm94IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmVkLXdpdGgtYW5vdGhlci1rZXk |

  @in-process
  Scenario: A token lives on real time: moving the sandbox clock leaves it valid; tokens/expire expires it
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When the sandbox clock advances 3601 seconds
    And I GET "/roles/customers"
    Then the response status is 200
    When I POST "/_sandbox/tokens/expire"
    And I GET "/roles/customers"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    And the response field "message" is "The access token has expired"

  Scenario: A Dintero token is no Tradevest token, even for a client of the same name
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I GET "/roles/customers"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 401

  Scenario: A path that is no Tradevest route is a 404 ErrorMessage
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/nothing"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "responseType" is "NOT_FOUND"

  # Partner isolation

  Scenario Outline: Partner other cannot read partner sandbox's <what>
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I GET "<path>"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "<path>"
    Then the response status is 200

    Examples:
      | what           | path                                                             |
      | customer       | /roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01            |
      | natural person | /entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01   |
      | legal entity   | /entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01    |
      | joint person   | /entities/joint-persons/8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01     |

  Scenario: Partner sandbox cannot read partner other's natural person
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/entities/natural-persons/5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  @in-process
  Scenario: Partner other's lists hold none of partner sandbox's data
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I GET "/roles/customers"
    Then the response status is 200
    And the response body equals:
      """
      {"data": [], "pagination": {"cursor": "", "limit": 20}}
      """
    When I GET "/entities/natural-persons"
    Then the response status is 200
    And the "naturalPersonId" of the items in "data" are "5a9d1e8b-0c3f-4b7a-8e46-1f0a2b3c4d01"
    When I GET "/entities/legal-entities"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customer-labels"
    Then the response status is 200
    And the response body is a list of 0 items

  @in-process
  Scenario: Partner other cannot give partner sandbox's natural person a customer role
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 400
    And the error details name the field "entityId"
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "data" is a list of 0 items

  @in-process
  Scenario: Partner other cannot label or onboard partner sandbox's customers
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I PATCH "/roles/customer-labels/stolen/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    Then the response status is 400
    And the error details name the field "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 400
    And the error details name the field "roleId"
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b"
    And the response field "customerStatus" is "CREATED"

  @in-process
  Scenario: The same person in two partners is no duplicate
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Max", "lastName": "Mustermann", "birthDay": "1985-04-12", "birthPlace": "Berlin",
       "birthCountry": "DE", "nationalities": [{"countryCode": "DE"}], "externalId": "np-max",
       "mainAddress": {"street": "Friedrichstraße", "streetNumber": "123", "city": "Berlin", "zip": "10117", "country": "DE"}}
      """
    Then the response status is 200
    And I save the response field "naturalPersonId" as "other_max"
    And the response field "naturalPersonId" is other than "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    When I GET "/entities/natural-persons"
    Then the "firstName" of the items in "data" are "Max, Anna"

  Scenario: A partner loaded from a fixture has its own client and sees only its own data
    Given the fixture:
      """
      tradevest:
        partners:
          p-{new_aid}:
            clients:
              - {client_id: client-{new_aid}, client_secret: secret-{new_aid}}
            natural_persons:
              - naturalPersonId: 0f6a2d3c-8b1e-4c5d-9e7f-0a1b2c3d4e51
                firstName: Ida
                lastName: Own
                birthDay: "1999-09-09"
                birthPlace: Oslo
                birthCountry: "NO"
                nationalities: [{countryCode: "NO"}]
                mainAddress: {street: Karl Johans gate, streetNumber: "1", city: Oslo, zip: "0154", country: "NO"}
      """
    And I am authenticated with Tradevest as "client-{new_aid}" with secret "secret-{new_aid}"
    When I GET "/entities/natural-persons"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Ida"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 404
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/entities/natural-persons/0f6a2d3c-8b1e-4c5d-9e7f-0a1b2c3d4e51"
    Then the response status is 404

  # The sandbox's control endpoints for Tradevest partners

  @in-process
  Scenario: Reset of partner sandbox undoes its changes and leaves partner other as it is
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    And I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Olle", "lastName": "Other", "birthDay": "1970-01-01", "birthPlace": "Malmö",
       "birthCountry": "SE", "nationalities": [{"countryCode": "SE"}],
       "mainAddress": {"street": "Stortorget", "streetNumber": "1", "city": "Malmö", "zip": "21122", "country": "SE"}}
      """
    And the response status is 200
    And I save the response field "naturalPersonId" as "olle"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["changed"]}
      """
    And the response status is 202
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I POST "/_sandbox/reset?partner=sandbox"
    Then the response status is 200
    And the response body equals:
      """
      {"reset": "partner", "partner": "sandbox"}
      """
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 200
    And the response field "labels" lists, in any order, "vip, premium"
    When I GET "/roles/customers/{erika_customer}"
    Then the response status is 404
    When I GET "/roles/customers"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Given I am authenticated with Tradevest as "other-client" with secret "other-secret"
    When I GET "/entities/natural-persons/{olle}"
    Then the response status is 200
    And the response field "firstName" is "Olle"

  @in-process
  Scenario: Resetting a partner no fixture defines is a 404 and resets nothing
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["changed"]}
      """
    And the response status is 202
    When I POST "/_sandbox/reset?partner=no-such-partner"
    Then the response status is 404
    And the response has the field "error.message"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "changed"

  @in-process
  Scenario: A partner loaded through /_sandbox/fixtures can be reset on its own
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And the fixture:
      """
      tradevest:
        partners:
          p-{new_aid}:
            clients:
              - {client_id: client-{new_aid}, client_secret: secret-{new_aid}}
            natural_persons:
              - naturalPersonId: 0f6a2d3c-8b1e-4c5d-9e7f-0a1b2c3d4e51
                firstName: Ida
                lastName: Own
                birthDay: "1999-09-09"
                birthPlace: Oslo
                birthCountry: "NO"
                nationalities: [{countryCode: "NO"}]
                mainAddress: {street: Karl Johans gate, streetNumber: "1", city: Oslo, zip: "0154", country: "NO"}
      """
    And I am authenticated with Tradevest as "client-{new_aid}" with secret "secret-{new_aid}"
    And I PATCH "/entities/natural-persons/0f6a2d3c-8b1e-4c5d-9e7f-0a1b2c3d4e51" with body:
      """
      {"lastName": "Renamed"}
      """
    And the response status is 202
    When I POST "/_sandbox/reset?partner=p-{new_aid}"
    Then the response status is 200
    When I GET "/entities/natural-persons/0f6a2d3c-8b1e-4c5d-9e7f-0a1b2c3d4e51"
    Then the response status is 200
    And the response field "lastName" is "Own"

  @in-process
  Scenario: The state document has a tradevest section with every partner
    When I GET "/_sandbox/state"
    Then the response status is 200
    And the YAML response field "tradevest.partners.sandbox.clients" has an item whose "client_id" is "sandbox-client"
    And the YAML response field "tradevest.partners.sandbox.clients" has an item whose "client_secret" is "sandbox-secret"
    And the YAML response field "tradevest.partners.sandbox.natural_persons" is a list of 3 items
    And the YAML response field "tradevest.partners.sandbox.natural_persons" has an item whose "naturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    And the YAML response field "tradevest.partners.sandbox.legal_entities" has an item whose "legalEntityId" is "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    And the YAML response field "tradevest.partners.sandbox.joint_persons" has an item whose "jointPersonId" is "8d2a4b1e-3f6c-4e0a-9c79-4b3d5e6f7a01"
    And the YAML response field "tradevest.partners.sandbox.customers" is a list of 2 items
    And the YAML response field "tradevest.partners.sandbox.customers" has an item whose "customerStatus" is "ACTIVE"
    And the YAML response field "tradevest.partners.other.clients" has an item whose "client_id" is "other-client"
    And the YAML response field "tradevest.partners.other.natural_persons" has an item whose "firstName" is "Anna"

  @in-process
  Scenario: The state document shows Tradevest changes made through the API
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": ["new"]}
      """
    And the response status is 200
    And I save the response field "customerId" as "erika_customer"
    When I GET "/_sandbox/state"
    Then the response status is 200
    And the YAML response field "tradevest.partners.sandbox.customers" is a list of 3 items
    And the YAML response field "tradevest.partners.sandbox.customers.2.customerId" is "{erika_customer}"
    And the YAML response field "tradevest.partners.sandbox.customers.2.entityId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    And the YAML response field "tradevest.partners.sandbox.customers.2.customerStatus" is "CREATED"
    And the YAML response field "tradevest.partners.sandbox.customers.2.createdOn" is "2030-01-01T09:00:00.000Z"
    And the YAML response field "tradevest.partners.sandbox.customers.2.labels" is a list of 1 item
